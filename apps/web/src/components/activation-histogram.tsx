'use client';

import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { histogramBins, type HistogramBin } from '@/lib/histogram-bins';
import type { Histogram } from '@/lib/queries/types';
import styles from './activation-histogram.module.css';

function BinTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: HistogramBin }[] }) {
  const bin = payload?.[0]?.payload;
  if (!active || !bin) return null;
  return (
    <div className={styles.tooltip}>
      <div>{bin.range}</div>
      <strong>{bin.count.toLocaleString('en-US')}</strong> activations
    </div>
  );
}

/** The feature's non-zero activations over log-spaced bins (bars have equal width per bin). */
export function ActivationHistogram({ histogram }: { histogram: Histogram }) {
  const [logCounts, setLogCounts] = useState(false);
  const bins = histogramBins(histogram);
  return (
    <figure className={styles.figure}>
      <div className={styles.toolbar}>
        <figcaption>{histogram.total.toLocaleString('en-US')} non-zero activations, log-spaced bins</figcaption>
        <label className={styles.toggle}>
          <input type="checkbox" checked={logCounts} onChange={(e) => setLogCounts(e.target.checked)} /> log count axis
        </label>
      </div>
      <BarChart responsive data={bins} style={{ width: '100%', height: 280 }} margin={{ top: 8, right: 16, bottom: 28, left: 16 }} barCategoryGap={1}>
        <CartesianGrid vertical={false} stroke="#e7e5e4" />
        <XAxis
          dataKey="label"
          interval="preserveStartEnd"
          minTickGap={24}
          tick={{ fontSize: 11 }}
          label={{ value: 'Activation value (log scale)', position: 'insideBottom', offset: -18, fontSize: 12 }}
        />
        <YAxis
          scale={logCounts ? 'log' : 'linear'}
          domain={logCounts ? [1, 'auto'] : [0, 'auto']}
          allowDataOverflow={logCounts}
          tick={{ fontSize: 11 }}
          tickFormatter={(n: number) => n.toLocaleString('en-US', { notation: 'compact' })}
          label={{ value: 'Count', angle: -90, position: 'insideLeft', offset: 0, fontSize: 12 }}
        />
        <Tooltip content={BinTooltip} cursor={{ fill: 'rgba(255,140,0,0.12)' }} />
        <Bar dataKey={logCounts ? 'logSafeCount' : 'count'} fill="#f97316" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
