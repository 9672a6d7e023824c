// @hub/subgraph-ul: Université de Lorraine's subgraph: its configuration, UL's alone. The subgraph itself
// is the shared tutelle subgraph (`@hub/tutelle-subgraph`) over UL's connector.
export { ulConnectorOptionsFromEnv, ulSqliteDatabase } from './config';
