'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export type ChartPoint = { bucket: string } & Record<string, number | string>;

const colors: Record<string, string> = {
  allow: '#16a34a',
  deny: '#dc2626',
  ask: '#d97706',
  network: '#2563eb',
  filesystem: '#7c3aed',
  credential: '#db2777',
  mcp: '#0891b2',
};

/** Stacked bars of event counts per hour or day, one series per decision or surface. */
export function TimelineChart({
  points,
  series,
  unit,
  label,
}: {
  points: ChartPoint[];
  series: readonly string[];
  unit: 'hour' | 'day';
  label: string;
}) {
  const tick = (value: string) =>
    unit === 'hour' ? `${value.slice(11, 13)}:00` : value.slice(5, 10);
  return (
    <figure aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" tickFormatter={tick} fontSize={12} minTickGap={16} />
          <YAxis fontSize={12} allowDecimals={false} width={48} />
          <Tooltip
            labelFormatter={(value) => `${String(value).replace('T', ' ').slice(0, 16)} UTC`}
          />
          <Legend />
          {series.map((name) => (
            <Bar
              key={name}
              dataKey={name}
              stackId="all"
              fill={colors[name] ?? '#737373'}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
