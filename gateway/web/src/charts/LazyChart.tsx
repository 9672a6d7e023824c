import { type ComponentProps, lazy, Suspense } from 'react';
import type { Chart as EChart } from './Chart';

// ECharts (some 190 KB gzip) comes after the page: its figures and tables show first, the drawings follow.
const Chart = lazy(() => import('./Chart').then((module) => ({ default: module.Chart })));

export function LazyChart(props: ComponentProps<typeof EChart>) {
  return (
    <Suspense fallback={<div className="chart" role="img" aria-label={`${props.title} (chargement)`} />}>
      <Chart {...props} />
    </Suspense>
  );
}
