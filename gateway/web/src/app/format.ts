/* French wording and number formats for what the graph answers in codes and floats. */

export const TUTELLE_NAMES: Record<string, string> = {
  UL: 'Université de Lorraine',
  CNRS: 'CNRS',
  INRAE: 'INRAE',
  CHRU: 'CHRU de Nancy',
};

export const CATEGORY_NAMES: Record<string, string> = {
  INTERNAL: 'Académique interne',
  EXTERNAL: 'Académique externe',
  PRIVATE: 'Privé',
};

export const UNIT_NAMES: Record<string, string> = {
  HOUR: 'heure',
  SAMPLE: 'échantillon',
  DAY: 'jour',
  RUN: 'passage',
};

export const LABEL_NAMES: Record<string, string> = {
  LABELLED: 'Labellisée',
  IN_PROGRESS: 'Labellisation en cours',
  NONE: 'Non labellisée',
};

export const STATUS_NAMES: Record<string, string> = {
  IN_SERVICE: 'En service',
  OUT_OF_ORDER: 'Hors service',
  DISPOSED: 'Réformé',
};

const euro = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const euroRounded = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' });

export const formatEuros = (amount: number | null | undefined, rounded = false) =>
  amount == null ? '—' : (rounded ? euroRounded : euro).format(amount);
export const formatNumber = (n: number | null | undefined) => (n == null ? '—' : decimal.format(n));
export const formatPercent = (n: number | null | undefined) =>
  n == null ? '—' : `${n > 0 ? '+' : ''}${decimal.format(Math.round(n * 10) / 10)} %`;
export const formatDate = (iso: string | null | undefined) =>
  iso ? dateFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : '—';

/** The year whose costs are complete: the last full calendar year. */
export const lastFullYear = () => new Date().getUTCFullYear() - 1;
