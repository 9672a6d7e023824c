import type { DemoSite } from './types';

/** What a demo site holds, at a glance: the figures to compare with the real site's. */
export interface DemoCounts {
  units: number;
  platforms: number;
  instruments: number;
  instrumentsInService: number;
  /** Platform equipment in service, HT, euros. */
  valueHT: number;
  /** Asset records per source (UL: `sous_num` 0 rows), platform or not. */
  assets: { UL: number; CNRS: number; INRAE: number; CHRU: number; total: number };
  /** People the registry lists on platforms, and among them UL's support staff. */
  platformStaff: number;
  ulSupportStaff: number;
  ul: { immobilisation: number; depense: number; agent: number; affectation: number };
  expenses: { UL: number; CNRS: number; INRAE: number; CHRU: number };
}

/** UL's support staff corps; MCF and PR are academics. */
export const UL_SUPPORT_CORPS: ReadonlySet<string> = new Set(['IGR', 'IGE', 'ASI', 'TCH', 'ATRF']);

export function countSite(site: DemoSite): DemoCounts {
  const assets = {
    UL: site.ul.immobilisation.filter((row) => row.sous_num === 0).length,
    CNRS: site.cnrs.inventaire.length,
    INRAE: site.inrae.Equipements.length,
    CHRU: site.chru.equipements.length,
  };
  const staff = site.registry.platforms.flatMap((p) => p.staff);
  const corps = new Map(site.ul.agent.map((a) => [a.matricule, a.corps]));
  const ulSupport = new Set(
    staff.filter((s) => s.tutelle === 'UL' && UL_SUPPORT_CORPS.has(corps.get(s.id) ?? '')).map((s) => s.id),
  );
  return {
    units: site.units.length,
    platforms: site.registry.platforms.length,
    instruments: site.truth.totals.instruments,
    instrumentsInService: site.truth.totals.instrumentsInService,
    valueHT: site.truth.totals.valueHT,
    assets: { ...assets, total: assets.UL + assets.CNRS + assets.INRAE + assets.CHRU },
    platformStaff: new Set(staff.map((s) => `${s.tutelle}:${s.id}`)).size,
    ulSupportStaff: ulSupport.size,
    ul: {
      immobilisation: site.ul.immobilisation.length,
      depense: site.ul.depense.length,
      agent: site.ul.agent.length,
      affectation: site.ul.affectation.length,
    },
    expenses: {
      UL: site.ul.depense.length,
      CNRS: site.cnrs.depense.length,
      INRAE: site.inrae.Dépenses.length,
      CHRU: site.chru.depenses.length,
    },
  };
}
