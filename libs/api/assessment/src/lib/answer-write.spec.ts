import { AssessmentHeaderCache } from './answer-write';

const header = (n: number) => ({ organizationId: `org-${n}`, frameworkVersionId: 'fw', supplements: [] });

describe('AssessmentHeaderCache', () => {
  it('should forget the least recently stored header once full, and keep one stored again', () => {
    const cache = new AssessmentHeaderCache();
    for (let i = 0; i < AssessmentHeaderCache.LIMIT; i++) cache.set(`a-${i}`, header(i));
    // Storing a-0 again makes it the newest, so a-1 is the oldest.
    cache.set('a-0', header(0));
    cache.set('a-new', header(-1));
    expect(cache.get('a-0')).toEqual(header(0));
    expect(cache.get('a-1')).toBeUndefined();
    expect(cache.get('a-2')).toEqual(header(2));
    expect(cache.get('a-new')).toEqual(header(-1));
  });
});
