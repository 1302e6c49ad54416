/*
 * <omni-chart>: OmniOps' own chart element, drawn by Chart.js (MIT). The server component
 * uk.co.omniops.shell.Chart sets one JSON property, `config`; this element turns it into a Chart.js chart that
 * follows the page's light/dark scheme (Lumo colour variables), resizes with its container, draws no
 * animation unless asked, tells screen readers what it shows (role="img" + summary, and a data table that
 * becomes visible when it has keyboard focus) and reports point clicks as `omni-point-click` events.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { Chart, registerables, type ChartConfiguration, type ChartDataset } from 'chart.js';

Chart.register(...registerables);

/** One series as the server sends it. `lower` makes it a band from `lower` up to `values`. */
interface SeriesConfig {
  name: string;
  values: (number | null)[];
  lower?: (number | null)[] | null;
  kind?: 'LINE' | 'BAR' | null;
  colour?: string | null;
  dashed?: boolean;
  secondaryAxis?: boolean;
  hidden?: boolean;
}

interface ChartConfig {
  type: 'LINE' | 'BAR' | 'STACKED_BAR' | 'DOUGHNUT';
  labels: string[];
  series: SeriesConfig[];
  title?: string | null;
  xAxisTitle?: string | null;
  yAxisTitle?: string | null;
  secondaryYAxisTitle?: string | null;
  percent?: boolean;
  yMin?: number | null;
  yMax?: number | null;
  summary: string;
  clickable?: boolean;
  animated?: boolean;
  highlight?: { series: number; index: number } | null;
}

/** Default colours, in order: Lumo variables first so the chart matches the rest of the UI in both schemes. */
const PALETTE = [
  'var(--lumo-primary-color)',
  'var(--omni-chart-2, #d97706)',
  'var(--lumo-success-color)',
  'var(--lumo-error-color)',
  'var(--omni-chart-5, #7c3aed)',
  'var(--omni-chart-6, #0891b2)',
  'var(--lumo-contrast-50pct)',
  'var(--omni-chart-8, #db2777)',
];

/** Colour tokens the server may name instead of a CSS colour. */
const TOKENS: Record<string, string> = {
  primary: 'var(--lumo-primary-color)',
  success: 'var(--lumo-success-color)',
  error: 'var(--lumo-error-color)',
  warning: 'var(--lumo-warning-color, #d97706)',
  contrast: 'var(--lumo-contrast-60pct)',
  muted: 'var(--lumo-contrast-30pct)',
};

class OmniChart extends LitElement {
  static properties = {
    config: { type: String },
  };

  static styles = css`
    :host {
      display: block;
      position: relative;
      height: 300px;
      min-height: 120px;
      box-sizing: border-box;
    }
    .frame {
      position: relative;
      width: 100%;
      height: 100%;
    }
    canvas {
      display: block;
    }
    .probe {
      display: none;
    }
    .data {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    /* keyboard users who reach the table's buttons see it (drill-down without a mouse) */
    .data:focus-within {
      position: absolute;
      inset: 0;
      width: auto;
      height: auto;
      overflow: auto;
      clip-path: none;
      white-space: normal;
      z-index: 1;
      background: var(--lumo-base-color);
      color: var(--lumo-body-text-color);
      font-size: var(--lumo-font-size-s);
    }
    table {
      border-collapse: collapse;
    }
    th,
    td {
      padding: 0.1em 0.5em;
      text-align: end;
    }
    th[scope='row'] {
      text-align: start;
    }
    button {
      font: inherit;
      color: var(--lumo-primary-text-color);
      background: none;
      border: 0;
      padding: 0;
      cursor: pointer;
      text-decoration: underline;
    }
  `;

  declare config: string;

  private chart?: Chart;
  private parsed?: ChartConfig;
  private schemeObserver?: MutationObserver;
  private readonly media = window.matchMedia('(prefers-color-scheme: dark)');
  private readonly onSchemeChange = () => this.rebuild();

  /** The Chart.js instance (tests and debugging). */
  get chartInstance(): Chart | undefined {
    return this.chart;
  }

  connectedCallback(): void {
    super.connectedCallback();
    // Vaadin's Page.setColorScheme sets <html theme="dark"> and style="color-scheme: …"
    this.schemeObserver = new MutationObserver(this.onSchemeChange);
    this.schemeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['theme', 'style', 'class'] });
    this.media.addEventListener('change', this.onSchemeChange);
    if (this.parsed) {
      this.updateComplete.then(() => this.rebuild());
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.schemeObserver?.disconnect();
    this.media.removeEventListener('change', this.onSchemeChange);
    this.chart?.destroy();
    this.chart = undefined;
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config')) {
      this.parsed = this.config ? (JSON.parse(this.config) as ChartConfig) : undefined;
    }
  }

  protected updated(changed: PropertyValues<this>): void {
    if (changed.has('config')) {
      this.rebuild();
    }
  }

  render() {
    const c = this.parsed;
    return html`
      <div class="frame" role="img" aria-label=${c?.summary ?? 'Chart'}>
        <canvas></canvas>
      </div>
      <span class="probe"></span>
      ${c ? this.renderTable(c) : nothing}
    `;
  }

  /** The data as a table for screen readers (and, with keyboard focus, for everyone). */
  private renderTable(c: ChartConfig) {
    const visible = c.series.map((s, i) => ({ s, i })).filter(({ s }) => !s.hidden);
    const cell = (seriesIndex: number, index: number, text: string) =>
      c.clickable
        ? html`<button type="button" @click=${() => this.firePointClick(seriesIndex, index)}>${text}</button>`
        : text;
    return html`
      <div class="data">
        <table>
          <caption>${c.title || c.summary}</caption>
          <thead>
            <tr>
              <th scope="col">${c.xAxisTitle || ''}</th>
              ${visible.map(({ s }) => html`<th scope="col">${s.name}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${c.labels.map(
              (label, index) => html`<tr>
                <th scope="row">${label}</th>
                ${visible.map(({ s, i }) => html`<td>${cell(i, index, this.cellText(c, s, index))}</td>`)}
              </tr>`
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private cellText(c: ChartConfig, s: SeriesConfig, index: number): string {
    const v = s.values[index];
    if (v === null || v === undefined) {
      return '–';
    }
    const lower = s.lower?.[index];
    return lower === null || lower === undefined ? this.format(c, v) : `${this.format(c, lower)} – ${this.format(c, v)}`;
  }

  private format(c: ChartConfig, v: number): string {
    if (c.percent) {
      return `${(v * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;
    }
    return v.toLocaleString(undefined, { maximumFractionDigits: 2 });
  }

  /** Resolves a token, var(--…) or any CSS colour to rgb() in the current scheme. */
  private colour(value: string, alpha = 1): string {
    const probe = this.renderRoot.querySelector('.probe') as HTMLElement;
    probe.style.color = '';
    probe.style.color = TOKENS[value] ?? value;
    const rgb = getComputedStyle(probe).color;
    const m = rgb.match(/rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:\s*[,/]\s*([\d.]+))?\)/);
    if (!m) {
      return rgb;
    }
    const a = (m[4] === undefined ? 1 : Number(m[4])) * alpha;
    return `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${a})`;
  }

  private cssValue(name: string, fallback: string): string {
    return getComputedStyle(this).getPropertyValue(name).trim() || fallback;
  }

  private rebuild(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas || !this.isConnected) {
      return;
    }
    this.chart?.destroy();
    this.chart = undefined;
    const c = this.parsed;
    if (!c) {
      return;
    }
    this.chart = new Chart(canvas, this.chartConfig(c));
  }

  private chartConfig(c: ChartConfig): ChartConfiguration {
    const text = this.colour('var(--lumo-body-text-color)');
    const secondaryText = this.colour('var(--lumo-secondary-text-color)');
    const grid = this.colour('var(--lumo-contrast-10pct)');
    const fontFamily = this.cssValue('--lumo-font-family', 'system-ui, sans-serif');
    const doughnut = c.type === 'DOUGHNUT';
    const stacked = c.type === 'STACKED_BAR';
    const defaultKind = c.type === 'LINE' ? 'line' : 'bar';
    const dense = c.labels.length > 48;

    // Chart.js datasets; a band adds a hidden "lower" dataset right before it and fills up to it
    const datasets: ChartDataset[] = [];
    const seriesOf: number[] = []; // dataset index -> series index (-1: a band's lower edge)
    c.series.forEach((s, i) => {
      const base = this.colour(s.colour || PALETTE[i % PALETTE.length]);
      const kind = s.kind ? s.kind.toLowerCase() : defaultKind;
      const axis = s.secondaryAxis ? 'y2' : 'y';
      if (doughnut) {
        const colours = c.labels.map((_, j) => this.colour(PALETTE[j % PALETTE.length]));
        datasets.push({
          label: s.name,
          data: s.values,
          backgroundColor: colours,
          borderColor: this.colour('var(--lumo-base-color)'),
          borderWidth: 2,
          hidden: s.hidden,
        } as ChartDataset);
        seriesOf.push(i);
        return;
      }
      if (s.lower) {
        datasets.push({
          type: 'line',
          label: `${s.name} (lower)`,
          data: s.lower,
          yAxisID: axis,
          borderColor: this.colour(s.colour || PALETTE[i % PALETTE.length], 0.35),
          borderWidth: 1,
          pointRadius: 0,
          pointHitRadius: 0,
          fill: false,
          order: 2,
          hidden: s.hidden,
        } as ChartDataset);
        seriesOf.push(-1);
        datasets.push({
          type: 'line',
          label: s.name,
          data: s.values,
          yAxisID: axis,
          borderColor: this.colour(s.colour || PALETTE[i % PALETTE.length], 0.35),
          backgroundColor: this.colour(s.colour || PALETTE[i % PALETTE.length], 0.18),
          borderWidth: 1,
          pointRadius: 0,
          fill: '-1',
          order: 2,
          hidden: s.hidden,
        } as ChartDataset);
        seriesOf.push(i);
        return;
      }
      const isHighlighted = (j: number) => c.highlight?.series === i && c.highlight.index === j;
      datasets.push({
        type: kind,
        label: s.name,
        data: s.values,
        yAxisID: axis,
        borderColor: base,
        backgroundColor: kind === 'bar' ? this.colour(s.colour || PALETTE[i % PALETTE.length], 0.75) : base,
        borderWidth: kind === 'bar' ? 0 : 2,
        borderDash: s.dashed ? [6, 4] : undefined,
        // dense lines (e.g. 168 hours) read better without a dot per point; a highlighted point always shows
        pointRadius: kind === 'line' ? (ctx: { dataIndex: number }) => (isHighlighted(ctx.dataIndex) ? 7 : dense ? 0 : 3) : undefined,
        pointHitRadius: 6,
        pointBackgroundColor: base,
        spanGaps: false,
        stack: stacked && kind === 'bar' ? 'stack' : undefined,
        order: kind === 'line' ? 0 : 1, // lines over bars over bands (a higher order is drawn first)
        hidden: s.hidden,
      } as ChartDataset);
      seriesOf.push(i);
    });

    const tick = (v: number | string) => (typeof v === 'number' ? this.format(c, v) : v);
    const hasSecondary = c.series.some((s) => s.secondaryAxis);
    const axisTitle = (t?: string | null) => ({ display: !!t, text: t ?? '', color: secondaryText });

    return {
      type: doughnut ? 'doughnut' : c.type === 'LINE' ? 'line' : 'bar',
      data: { labels: c.labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: c.animated ? undefined : false,
        color: text,
        font: { family: fontFamily },
        interaction: doughnut ? { mode: 'nearest', intersect: true } : { mode: 'index', intersect: false },
        plugins: {
          title: { display: !!c.title, text: c.title ?? '', color: text, font: { family: fontFamily, size: 14, weight: 'bold' } },
          legend: {
            labels: {
              color: text,
              font: { family: fontFamily },
              filter: (item) => seriesOf[item.datasetIndex ?? 0] !== -1,
            },
          },
          tooltip: {
            filter: (item) => seriesOf[item.datasetIndex] !== -1,
            callbacks: {
              label: (item) => {
                const s = c.series[seriesOf[item.datasetIndex]];
                return s ? `${s.name}: ${this.cellText(c, s, item.dataIndex)}` : '';
              },
            },
          },
        },
        scales: doughnut
          ? {}
          : {
              x: {
                stacked,
                title: axisTitle(c.xAxisTitle),
                ticks: { color: secondaryText, font: { family: fontFamily } },
                grid: { color: grid },
              },
              y: {
                stacked,
                min: c.yMin ?? undefined,
                max: c.yMax ?? undefined,
                beginAtZero: true,
                title: axisTitle(c.yAxisTitle),
                ticks: { color: secondaryText, font: { family: fontFamily }, callback: tick },
                grid: { color: grid },
              },
              ...(hasSecondary
                ? {
                    y2: {
                      position: 'right' as const,
                      beginAtZero: true,
                      title: axisTitle(c.secondaryYAxisTitle),
                      ticks: { color: secondaryText, font: { family: fontFamily } },
                      grid: { drawOnChartArea: false },
                    },
                  }
                : {}),
            },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target && c.clickable) {
            target.style.cursor = elements.length ? 'pointer' : 'default';
          }
        },
        onClick: (event, _elements, chart) => {
          if (!c.clickable || !event.native) {
            return;
          }
          const hits = chart.getElementsAtEventForMode(event.native, 'nearest', { intersect: doughnut, axis: 'xy' }, false)
            .filter((e) => seriesOf[e.datasetIndex] !== -1);
          if (hits.length) {
            this.firePointClick(seriesOf[hits[0].datasetIndex], hits[0].index);
          }
        },
      },
    } as ChartConfiguration;
  }

  private firePointClick(seriesIndex: number, index: number): void {
    const label = this.parsed?.labels[index] ?? '';
    this.dispatchEvent(new CustomEvent('omni-point-click', { detail: { seriesIndex, index, label }, bubbles: true, composed: true }));
  }
}

customElements.define('omni-chart', OmniChart);

declare global {
  interface HTMLElementTagNameMap {
    'omni-chart': OmniChart;
  }
}
