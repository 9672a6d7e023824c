import type { SiteInventory } from '../inventory';
import { groupByKey, type InstrumentGrouping, serialAndMakerKey } from './model/instruments';

/**
 * The site's instruments as the reconciled inventory groups them (docs/INVENTORY.md), people's decisions
 * included: a co-owned instrument whose tutelles typed its serial differently, or not at all, is still
 * depreciated once. A record the index does not know yet (recorded since the last sync) is grouped by
 * serial and maker, as without an inventory.
 */
export function groupByReconciledEquipment(inventory: SiteInventory): InstrumentGrouping {
  return async (records) => {
    const { byRecord } = await inventory.snapshot();
    return groupByKey(records, (record) => {
      const equipment = byRecord.get(record.id);
      return equipment ? `equipment:${equipment.id}` : serialAndMakerKey(record);
    });
  };
}
