import { normaliseSerial } from '@hub/source-kit';
import { parseRegistryFile } from '@hub/subgraph-site';
import { countSite, generateSite, registryYaml, UL_SUPPORT_CORPS } from '.';

/** The demo site at scale 1 must look like the real one, and hold together as the sources would. */
describe('the demo site', () => {
  const site = generateSite();
  const counts = countSite(site);

  it('is the same for the same seed and scale, and another for another seed', () => {
    expect(JSON.stringify(generateSite({ seed: 42, scale: 1 }))).toBe(JSON.stringify(site));
    const other = generateSite({ seed: 43 });
    expect(other.registry.platforms.map((p) => p.code)).not.toEqual(
      site.registry.platforms.map((p) => p.code),
    );
    expect(other.truth.totals.valueHT).not.toBe(site.truth.totals.valueHT);
  });

  it('is the size of the real site at scale 1', () => {
    expect(counts.platforms).toBeGreaterThanOrEqual(120);
    expect(counts.platforms).toBeLessThanOrEqual(140);
    expect(counts.units).toBeGreaterThanOrEqual(60);
    expect(counts.units).toBeLessThanOrEqual(80);
    expect(counts.assets.total).toBeGreaterThanOrEqual(2500);
    expect(counts.assets.total).toBeLessThanOrEqual(3500);
    expect(counts.valueHT).toBeGreaterThan(70_000_000);
    expect(counts.platformStaff).toBeGreaterThanOrEqual(350);
    expect(counts.platformStaff).toBeLessThanOrEqual(450);
    expect(counts.ulSupportStaff).toBeGreaterThanOrEqual(145);
    expect(counts.ulSupportStaff).toBeLessThanOrEqual(180);
  });

  it('multiplies every count by the scale', () => {
    const big = countSite(generateSite({ scale: 10 }));
    const ratio = (key: 'platforms' | 'units' | 'instruments' | 'platformStaff' | 'ulSupportStaff') =>
      big[key] / counts[key];
    for (const key of ['platforms', 'units', 'instruments', 'platformStaff', 'ulSupportStaff'] as const) {
      expect(ratio(key)).toBeGreaterThan(8.5);
      expect(ratio(key)).toBeLessThan(11.5);
    }
    expect(big.assets.total / counts.assets.total).toBeGreaterThan(8.5);
    expect(big.valueHT / counts.valueHT).toBeGreaterThan(8);
  });

  it('has a registry the site subgraph accepts, whose staff are in the HR sources', () => {
    expect(parseRegistryFile(registryYaml(site)).platforms).toHaveLength(counts.platforms);
    const hr = {
      UL: new Set(site.ul.agent.map((a) => a.matricule)),
      CNRS: new Set(site.cnrs.agent.map((a) => String(a.id_agent))),
      INRAE: new Set(site.inrae.Agents.map((a) => a.Matricule)),
      CHRU: new Set(site.chru.personnels.map((p) => p.Matricule)),
    };
    const staff = site.registry.platforms.flatMap((p) => p.staff);
    expect(staff.filter((s) => !hr[s.tutelle].has(s.id))).toEqual([]);
    // Every HR source also holds people who serve no platform.
    expect(site.ul.agent.length).toBeGreaterThan(new Set(staff.filter((s) => s.tutelle === 'UL')).size);
    expect(site.ul.agent.filter((a) => UL_SUPPORT_CORPS.has(a.corps) && !a.bap)).toEqual([]);
  });

  it('has labels reviewed every 24 months, most on time', () => {
    const labelled = parseRegistryFile(registryYaml(site)).platforms.filter(
      (p) => p.label.status === 'labelled',
    );
    expect(labelled.length).toBeGreaterThan(50);
    const inMonths = (date: string, months: number) => {
      const d = new Date(`${date}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + months);
      return d.toISOString().slice(0, 10);
    };
    for (const { label } of labelled.filter((p) => p.label.lastReview)) {
      expect(label.lastReview! > label.granted!).toBe(true);
      expect(label.lastReview! <= site.asOf).toBe(true);
    }
    // Review due 24 months after the last one (the grant where none was held): a few are late, not most.
    const overdue = labelled.filter((p) => inMonths(p.label.lastReview ?? p.label.granted!, 24) < site.asOf);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length / labelled.length).toBeLessThan(0.25);
  });

  it('books every UL cost centre of the registry on some asset', () => {
    const booked = new Set(site.ul.immobilisation.map((row) => row.centre_couts));
    const centres = site.registry.platforms.flatMap((p) => p.costCentres.UL);
    expect(centres.length).toBeGreaterThan(100);
    expect(centres.filter((c) => !booked.has(c))).toEqual([]);
    expect(new Set(centres).size).toBe(centres.length);
    expect(centres.every((c) => c.length <= 12)).toBe(true);
  });

  it('writes SIFAC assets as SIFAC does: additions under an asset, UL00, padded numbers, cut designations', () => {
    const rows = site.ul.immobilisation;
    const assets = new Set(rows.filter((r) => r.sous_num === 0).map((r) => r.num_immo));
    const additions = rows.filter((r) => r.sous_num > 0);
    expect(additions.length).toBeGreaterThan(0);
    expect(additions.filter((r) => !assets.has(r.num_immo))).toEqual([]);
    expect(rows.every((r) => r.societe === 'UL00' && /^\d{12}$/.test(r.num_immo))).toBe(true);
    expect(rows.every((r) => r.designation.length <= 50 && (r.designation2?.length ?? 0) <= 50)).toBe(true);
    expect(rows.every((r) => r.centre_fin.startsWith('951') && r.centre_fin.length <= 12)).toBe(true);
    expect(new Set(rows.map((r) => r.classe_immo))).toEqual(new Set(['21540', '21830', '21840']));
    // Assets of no platform: computers, furniture, a unit's own equipment.
    expect(rows.filter((r) => r.sous_num === 0 && r.centre_couts === null).length).toBeGreaterThan(300);
  });

  it('has the quirks of hand-typed sources', () => {
    const serials = site.ul.immobilisation.map((r) => r.num_serie);
    for (const placeholder of ['NC', 'N/A', '?', '0', '-']) expect(serials).toContain(placeholder);
    expect(serials.some((s) => s?.startsWith('S/N '))).toBe(true);
    expect(serials.filter((s) => s === null).length).toBeGreaterThan(100);
    const disposed = site.ul.immobilisation.filter((r) => r.sous_num === 0 && r.date_sortie !== null).length;
    expect(disposed / counts.assets.UL).toBeGreaterThan(0.02);
    expect(disposed / counts.assets.UL).toBeLessThan(0.1);
    expect(site.ul.depense.filter((d) => d.montant < 0).length).toBeGreaterThan(10);
    expect(new Set(site.ul.depense.map((d) => d.compte))).toEqual(new Set(['606300', '615600', '606100']));
    const spellings = new Set(site.ul.immobilisation.map((r) => r.designation2?.split(' ')[0]));
    expect(spellings).toContain('BRUKER');
    expect(spellings).toContain('Bruker');
  });

  it('spends on platforms over the three years up to its extraction day', () => {
    const dates = site.ul.depense.map((d) => d.date_comptable).sort();
    expect(dates[0]! >= '2023-11-01').toBe(true);
    expect(dates.at(-1)! <= site.asOf).toBe(true);
  });

  it('records each instrument in the sources of its co-funders, for their shares', () => {
    const byNumImmo = new Map<string, number>();
    for (const row of site.ul.immobilisation) {
      byNumImmo.set(row.num_immo, (byNumImmo.get(row.num_immo) ?? 0) + row.valeur_acq);
    }
    const cnrsById = new Map(site.cnrs.inventaire.map((r) => [r.id, r]));
    for (const instrument of site.truth.instruments) {
      expect(Object.keys(instrument.records).sort()).toEqual(Object.keys(instrument.shares).sort());
      const ul = instrument.records.UL;
      // TTC in UL's books: its share, upgrades included, plus 20 %, to the cent on each row.
      if (ul) expect(Math.abs(byNumImmo.get(ul.num_immo)! / 1.2 - instrument.shares.UL!)).toBeLessThan(0.05);
      const cnrs = instrument.records.CNRS;
      if (cnrs) expect(cnrsById.get(cnrs.id)?.montant_ht).toBe(instrument.shares.CNRS);
    }
    // Serials typed differently in each source still lead back to the instrument, when typed at all.
    const serialOf = new Map(
      site.truth.instruments.flatMap((i) => (i.records.CNRS ? [[i.records.CNRS.id, i]] : [])),
    );
    const typed = site.cnrs.inventaire.filter((r) => serialOf.has(r.id) && normaliseSerial(r.num_serie));
    expect(typed.length / serialOf.size).toBeGreaterThan(0.6);
    for (const record of typed) {
      expect(normaliseSerial(record.num_serie)).toBe(normaliseSerial(serialOf.get(record.id)!.serialNumber));
    }
  });

  it('totals the instruments in service from their shares', () => {
    const inService = site.truth.instruments.filter((i) => i.status !== 'disposed');
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    for (const i of site.truth.instruments) {
      expect(sum(Object.values(i.shares))).toBeCloseTo(i.priceHT, 2);
    }
    expect(site.truth.totals.instrumentsInService).toBe(inService.length);
    expect(sum(inService.flatMap((i) => Object.values(i.shares)))).toBeCloseTo(site.truth.totals.valueHT, 1);
    expect(sum(Object.values(site.truth.totals.valueHTByTutelle))).toBeCloseTo(site.truth.totals.valueHT, 1);
  });
});
