import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export interface BarDatum {
  label: string;
  /** null when nothing is answered yet. */
  value: number | null;
  /** Optional target on the same axis, drawn as a dashed marker. */
  target: number | null;
}

const ROW = 44;
const LABEL_WIDTH = 220;
const PLOT_WIDTH = 380;
const TOP = 28;

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Builds the sentence a screen reader hears instead of the picture. Exported for tests. */
export function describeBars(bars: readonly BarDatum[], max: number, unit: string): string {
  if (bars.length === 0) return 'No data to chart yet.';
  const parts = bars.map((b) => {
    const value = b.value === null ? 'not answered yet' : `${fmt(b.value)} of ${fmt(max)}`;
    const target = b.target === null ? 'no target' : `target ${fmt(b.target)}`;
    return `${b.label}: ${value}, ${target}`;
  });
  return `${unit} by area, out of ${fmt(max)}. ${parts.join('; ')}.`;
}

/**
 * Accessible horizontal bar chart in inline SVG: role="img" with a title and a
 * text alternative, visible labels and values, hatched bars and a dashed
 * target marker so nothing depends on colour alone.
 */
@Component({
  selector: 'cx-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="margin-0">
      <svg
        role="img"
        [attr.aria-labelledby]="chartId() + '-title ' + chartId() + '-desc'"
        [attr.viewBox]="'0 0 ' + width + ' ' + height()"
        width="100%"
        [attr.data-testid]="'bar-chart'"
      >
        <title [id]="chartId() + '-title'">{{ title() }}</title>
        <desc [id]="chartId() + '-desc'">{{ description() }}</desc>
        <defs>
          <pattern [id]="chartId() + '-hatch'" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#005ea2" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="3" />
          </pattern>
        </defs>
        @for (tick of ticks(); track tick.value) {
          <g aria-hidden="true">
            <line [attr.x1]="tick.x" [attr.x2]="tick.x" [attr.y1]="top - 6" [attr.y2]="height() - 8" stroke="#dfe1e2" />
            <text [attr.x]="tick.x" [attr.y]="top - 10" text-anchor="middle" font-size="12" fill="#1b1b1b">{{ tick.value }}</text>
          </g>
        }
        @for (bar of rows(); track bar.label) {
          <g class="cx-bar" data-testid="bar">
            <text [attr.x]="labelWidth - 8" [attr.y]="bar.y + 18" text-anchor="end" font-size="13" fill="#1b1b1b">{{ bar.label }}</text>
            <rect [attr.x]="labelWidth" [attr.y]="bar.y + 4" [attr.width]="plotWidth" height="22" fill="#f0f0f0" />
            @if (bar.width > 0) {
              <rect
                [attr.x]="labelWidth"
                [attr.y]="bar.y + 4"
                [attr.width]="bar.width"
                height="22"
                [attr.fill]="'url(#' + chartId() + '-hatch)'"
                stroke="#1a4480"
              />
            }
            @if (bar.targetX !== null) {
              <line
                [attr.x1]="bar.targetX"
                [attr.x2]="bar.targetX"
                [attr.y1]="bar.y"
                [attr.y2]="bar.y + 30"
                stroke="#1b1b1b"
                stroke-width="3"
                stroke-dasharray="4 3"
              />
            }
            <text [attr.x]="labelWidth + plotWidth + 8" [attr.y]="bar.y + 18" font-size="13" fill="#1b1b1b">{{ bar.valueText }}</text>
          </g>
        }
      </svg>
      <figcaption class="font-body-xs text-base-dark margin-top-1">
        Hatched bar: {{ unit() }}. Dashed line: target. {{ caption() }}
      </figcaption>
    </figure>
  `,
})
export class BarChart {
  readonly bars = input.required<readonly BarDatum[]>();
  readonly max = input.required<number>();
  readonly title = input.required<string>();
  readonly unit = input('Current level');
  readonly caption = input('');
  readonly chartId = input('bar-chart');

  protected readonly labelWidth = LABEL_WIDTH;
  protected readonly plotWidth = PLOT_WIDTH;
  protected readonly top = TOP;
  protected readonly width = LABEL_WIDTH + PLOT_WIDTH + 140;

  protected readonly height = computed(() => TOP + this.bars().length * ROW + 8);
  protected readonly description = computed(() => describeBars(this.bars(), this.max(), this.unit()));
  protected readonly ticks = computed(() => {
    const max = this.max();
    const step = max <= 10 ? 1 : Math.ceil(max / 10);
    const ticks: { value: number; x: number }[] = [];
    for (let v = 0; v <= max; v += step) ticks.push({ value: v, x: LABEL_WIDTH + (v / max) * PLOT_WIDTH });
    return ticks;
  });
  protected readonly rows = computed(() => {
    const max = this.max() || 1;
    const scale = (v: number) => (Math.max(0, Math.min(v, max)) / max) * PLOT_WIDTH;
    return this.bars().map((b, i) => ({
      label: b.label,
      y: TOP + i * ROW,
      width: b.value === null ? 0 : scale(b.value),
      targetX: b.target === null ? null : LABEL_WIDTH + scale(b.target),
      valueText: b.value === null ? 'Not answered' : fmt(b.value) + (b.target === null ? '' : ` (target ${fmt(b.target)})`),
    }));
  });
}
