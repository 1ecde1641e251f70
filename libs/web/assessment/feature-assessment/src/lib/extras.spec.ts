import { formatFileSize } from './format';
import { viewerList } from './presence';
import { signedChange } from './summary-page';

describe('assessment extras helpers', () => {
  it('should format file sizes in plain units', () => {
    expect(formatFileSize(512)).toBe('512 bytes');
    expect(formatFileSize(120 * 1024)).toBe('120 KB');
    expect(formatFileSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(formatFileSize(null)).toBe('size unknown');
  });

  it('should list the other viewers in a sentence', () => {
    expect(viewerList([])).toBe('');
    expect(viewerList(['Ben Carter'])).toBe('Ben Carter');
    expect(viewerList(['Ben Carter', 'Dana Whitfield', 'Priya Raman'])).toBe('Ben Carter, Dana Whitfield and Priya Raman');
  });

  it('should sign year-over-year changes', () => {
    expect(signedChange(1.5)).toBe('+1.5');
    expect(signedChange(-2)).toBe('−2');
    expect(signedChange(0)).toBe('No change');
    expect(signedChange(null)).toBe('—');
  });
});
