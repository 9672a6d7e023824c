import { EquipmentStatus, ExpenseNature, type Money, type Tutelle, VatBasis } from '@hub/schema';
import type { ExpenseData, InventoryRecordData, StaffMemberData } from '../connector';
import { normaliseManufacturer } from '../manufacturers';
import { normaliseSerial, normaliseUnitCode } from '../normalise';

/*
 * What the rest of the hub assumes of every record a connector returns, whatever its source. Each check
 * lists every problem it finds, each naming the record and the field, so one failing test says all that
 * is wrong with a mapping at once.
 */

const json = JSON.stringify;

/** A money amount as the schema promises it: euros, rounded to the cent, of the given basis if any. */
function moneyProblems(field: string, money: Money | null | undefined, basis?: VatBasis): string[] {
  if (money == null) return [`${field} is missing`];
  const problems: string[] = [];
  if (money.currency !== 'EUR') problems.push(`${field}.currency is ${json(money.currency)}, not "EUR"`);
  if (basis && money.basis !== basis) problems.push(`${field}.basis is ${json(money.basis)}, not "${basis}"`);
  if (!Number.isFinite(money.amount)) problems.push(`${field}.amount is ${money.amount}, not a number`);
  // Cents times 100 lands within float noise of an integer; anything further was not rounded.
  else if (Math.abs(money.amount * 100 - Math.round(money.amount * 100)) > 1e-6) {
    problems.push(`${field}.amount ${money.amount} is not rounded to the cent`);
  }
  return problems;
}

/** 'YYYY-MM-DD' of a day that exists; null only where the schema allows it. */
function dateProblems(field: string, value: string | null | undefined, nullable: boolean): string[] {
  if (value == null) return nullable ? [] : [`${field} is missing`];
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day?.toISOString().slice(0, 10) === value
    ? []
    : [`${field} ${json(value)} is not a date 'YYYY-MM-DD'`];
}

/** `UMR7198`, never `UMR 7198`: codes are compared as strings across tutelles. */
function unitCodeProblems(field: string, value: string | null | undefined): string[] {
  if (value == null) return [];
  return /\s/.test(value) || normaliseUnitCode(value) !== value
    ? [
        `${field} ${json(value)} is not normalised (normaliseUnitCode gives ${json(normaliseUnitCode(value))})`,
      ]
    : [];
}

function identityProblems(tutelle: Tutelle, record: { id: string; tutelle: Tutelle }): string[] {
  const problems: string[] = [];
  if (record.tutelle !== tutelle) problems.push(`tutelle is ${json(record.tutelle)}, not "${tutelle}"`);
  if (typeof record.id !== 'string' || !record.id.startsWith(`${tutelle}:`) || record.id === `${tutelle}:`) {
    problems.push(`id ${json(record.id)} is not "${tutelle}:<the source's own key>"`);
  }
  return problems;
}

const named = (id: unknown, problems: string[]) => problems.map((p) => `${json(id)}: ${p}`);

export function inventoryProblems(tutelle: Tutelle, record: InventoryRecordData): string[] {
  const problems = [
    ...identityProblems(tutelle, record),
    ...moneyProblems('value', record.value),
    ...moneyProblems('valueHT', record.valueHT, VatBasis.HT),
    ...dateProblems('commissioningDate', record.commissioningDate, true),
    ...unitCodeProblems('unitCode', record.unitCode),
  ];
  if (!record.designation?.trim()) problems.push('designation is empty');
  if (record.manufacturerNormalized !== normaliseManufacturer(record.manufacturer)) {
    problems.push(
      `manufacturerNormalized ${json(record.manufacturerNormalized)} is not normaliseManufacturer(${json(record.manufacturer)})`,
    );
  }
  if (record.serialNumberNormalized !== normaliseSerial(record.serialNumber)) {
    problems.push(
      `serialNumberNormalized ${json(record.serialNumberNormalized)} is not normaliseSerial(${json(record.serialNumber)})`,
    );
  }
  if (!Object.values(EquipmentStatus).includes(record.status)) {
    problems.push(`status ${json(record.status)} is not an EquipmentStatus`);
  }
  if (record.usefulLifeYears != null && !Number.isInteger(record.usefulLifeYears)) {
    problems.push(`usefulLifeYears ${record.usefulLifeYears} is not a whole number (GraphQL Int)`);
  }
  if (!Number.isInteger(record.additionCount) || record.additionCount < 0) {
    problems.push(`additionCount ${record.additionCount} is not a count`);
  }
  return named(record.id, problems);
}

export function staffProblems(tutelle: Tutelle, member: StaffMemberData): string[] {
  const problems = identityProblems(tutelle, member);
  if (!member.grade?.trim()) problems.push('grade is empty');
  (member.assignments ?? []).forEach((a, i) => {
    const field = `assignments[${i}]`;
    if (!a.unitCode) problems.push(`${field}.unitCode is missing`);
    problems.push(
      ...unitCodeProblems(`${field}.unitCode`, a.unitCode),
      ...dateProblems(`${field}.start`, a.start, false),
      ...dateProblems(`${field}.end`, a.end, true),
      ...(a.yearlyCost == null ? [] : moneyProblems(`${field}.yearlyCost`, a.yearlyCost, VatBasis.HT)),
    );
    if (!(a.fte > 0 && a.fte <= 1)) problems.push(`${field}.fte ${a.fte} is not a share of full time (0, 1]`);
  });
  return named(member.id, problems);
}

export function expenseProblems(tutelle: Tutelle, expense: ExpenseData): string[] {
  const problems = [
    ...identityProblems(tutelle, expense),
    ...dateProblems('date', expense.date, false),
    ...moneyProblems('amount', expense.amount),
    ...moneyProblems('amountHT', expense.amountHT, VatBasis.HT),
    ...unitCodeProblems('unitCode', expense.unitCode),
  ];
  if (!Object.values(ExpenseNature).includes(expense.nature)) {
    problems.push(`nature ${json(expense.nature)} is not an ExpenseNature`);
  }
  return named(expense.id, problems);
}
