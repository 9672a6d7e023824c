// @hub/source-kit/testing: the contract test every connector runs, for jest test files only (it declares
// tests with jest's globals). Add exports with intention: it is public API.
export { type ConnectorContractOptions, type ContractFixture, describeConnectorContract } from './contract';
