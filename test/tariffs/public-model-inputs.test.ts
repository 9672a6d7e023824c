import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/**
 * Public prices with public volumes and staff hours per unit are a system of equations whose solution is a
 * platform's staff cost (docs/TARIFFS.md, "What the public sees"). The public gets prices and rules only.
 */
const SERVICES = /* GraphQL */ `{
  platform(code: "XGAMMA") {
    services { code yearlyVolume staffHoursPerUnit equipmentHoursPerUnit }
  }
}`;

/** Everything the public may ask of a platform's services and tariffs. */
const PUBLIC_ANSWER = /* GraphQL */ `{
  platform(code: "XGAMMA") {
    staffCount staffFte
    services { code name unit currentPrices { tutelle category price { amount } } }
    tariffs(year: 2025) {
      year policyVersion overheadRate simulated
      services { code name unit note
        prices { category priceHT { amount } vat { amount } priceTTC { amount }
                 rules { description components overheadRate marginRate vatRate rounding } } }
    }
  }
}`;

/** Fields from which, with the public prices, a cost can be solved. */
const MODEL_INPUTS = [
  'yearlyVolume',
  'staffHoursPerUnit',
  'equipmentHoursPerUnit',
  'serviceUnits',
  'totalUnits',
];

function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, found);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (item != null) found.add(key);
      keysOf(item, found);
    }
  return found;
}

describe("a service's model inputs are not public", () => {
  jest.setTimeout(60_000);
  let hub: Hub;
  const token = (roles: Role[], platforms: string[] = []) =>
    mintToken(jwtSecret(), { subject: 'test', roles, platforms });

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('gives the public prices and rules, and no model input', async () => {
    const { data, errors } = await hub.query(PUBLIC_ANSWER);
    expect(errors).toBeUndefined();
    expect(data?.platform.tariffs.services[0].prices.length).toBeGreaterThan(0);
    const shown = keysOf(data);
    for (const input of MODEL_INPUTS) expect(shown).not.toContain(input);
  });

  it('refuses the public, and another platform’s manager, the volumes and hours per unit', async () => {
    for (const options of [{}, { token: await token([Role.PLATFORM], ['MICROSCOPY']) }]) {
      const { data, errors } = await hub.query(SERVICES, options);
      expect(data?.platform.services).toEqual([
        { code: 'DRX-HOUR', yearlyVolume: null, staffHoursPerUnit: null, equipmentHoursPerUnit: null },
      ]);
      expect(errors?.map((e) => [e.extensions?.code, e.path?.at(-1)])).toEqual([
        ['FORBIDDEN', 'yearlyVolume'],
        ['FORBIDDEN', 'staffHoursPerUnit'],
        ['FORBIDDEN', 'equipmentHoursPerUnit'],
      ]);
    }
  });

  it('shows them to the platform’s own managers, central services, steering and admins', async () => {
    for (const [roles, platforms] of [
      [[Role.PLATFORM], ['XGAMMA']],
      [[Role.CENTRAL], []],
      [[Role.STEERING], []],
      [[Role.ADMIN], []],
    ] as Array<[Role[], string[]]>) {
      const { data, errors } = await hub.query(SERVICES, { token: await token(roles, platforms) });
      expect(errors).toBeUndefined();
      expect(data?.platform.services).toEqual([
        { code: 'DRX-HOUR', yearlyVolume: 1200, staffHoursPerUnit: 0.1, equipmentHoursPerUnit: 1 },
      ]);
    }
  });
});
