import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

/*
 * Apache ECharts, only the parts the dashboard draws (bars, lines, axes, legend, tooltip, aria), with the
 * SVG renderer: this module is in the dashboard's chunk, loaded when the dashboard is opened.
 */
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  SVGRenderer,
]);

export interface Series {
  name: string;
  values: (number | null)[];
  kind?: 'bar' | 'line';
  /** Bars of the same stack pile up. */
  stack?: string;
}

const euro = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** A chart of categories and series; its table, beside it, says the same in numbers. */
export function Chart({
  title,
  categories,
  series,
  horizontal = false,
  unit = '',
}: {
  title: string;
  categories: string[];
  series: Series[];
  horizontal?: boolean;
  unit?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!element.current) return;
    chart.current = echarts.init(element.current, undefined, { renderer: 'svg', locale: 'FR' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const categoryAxis = {
      type: 'category' as const,
      data: categories,
      axisLabel: { width: 160, overflow: 'truncate' as const },
    };
    const valueAxis = {
      type: 'value' as const,
      axisLabel: { formatter: (v: number) => `${euro.format(v)}${unit ? ` ${unit}` : ''}` },
    };
    chart.current?.setOption(
      {
        aria: { enabled: true, label: { description: title } },
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: series.length > 1 ? { top: 0 } : undefined,
        grid: {
          left: horizontal ? 170 : 60,
          right: 20,
          top: series.length > 1 ? 40 : 20,
          bottom: 40,
          containLabel: false,
        },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: series.map((s) => ({
          name: s.name,
          type: s.kind ?? 'bar',
          data: s.values,
          ...(s.stack ? { stack: s.stack } : {}),
        })),
      },
      true,
    );
  }, [title, categories, series, horizontal, unit]);
  return <div ref={element} className="chart" role="img" aria-label={title} />;
}
