import { TestBed } from '@angular/core/testing';
import { BarChart, describeBars, type BarDatum } from './bar-chart';

const BARS: BarDatum[] = [
  { label: 'Measurement', value: 3.5, target: 4 },
  { label: 'Governance & Strategy', value: 2, target: null },
  { label: 'Service Design', value: null, target: 3 },
];

describe(BarChart.name, () => {
  function render(bars: BarDatum[]): HTMLElement {
    const fixture = TestBed.createComponent(BarChart);
    fixture.componentRef.setInput('bars', bars);
    fixture.componentRef.setInput('max', 5);
    fixture.componentRef.setInput('title', 'Current level and target by area');
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('should draw one labelled bar per domain', () => {
    const root = render(BARS);

    const bars = root.querySelectorAll('[data-testid="bar"]');
    expect(bars).toHaveLength(3);
    expect([...bars].map((b) => b.querySelector('text')?.textContent?.trim())).toEqual([
      'Measurement',
      'Governance & Strategy',
      'Service Design',
    ]);
  });

  it('should expose the chart as an image with a title and a text alternative', () => {
    const root = render(BARS);

    const svg = root.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
    expect(root.querySelector(`#${titleId}`)?.textContent).toBe('Current level and target by area');
    expect(root.querySelector(`#${descId}`)?.textContent).toBe(
      'Current level by area, out of 5. Measurement: 3.5 of 5, target 4; Governance & Strategy: 2 of 5, no target; Service Design: not answered yet, target 3.',
    );
  });

  it('should mark targets with a dashed line, not colour alone', () => {
    const root = render(BARS);

    expect(root.querySelectorAll('line[stroke-dasharray]')).toHaveLength(2);
  });

  it('should say so when there is nothing to chart', () => {
    expect(describeBars([], 5, 'Current level')).toBe('No data to chart yet.');
    expect(render([]).querySelectorAll('[data-testid="bar"]')).toHaveLength(0);
  });
});
