/** Focuses an element by id (making it focusable if needed) and scrolls it into view. Returns false if it is missing. */
export function focusElementById(id: string): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  if (!element.matches('a[href], button, input, select, textarea, [tabindex]')) {
    element.setAttribute('tabindex', '-1');
  }
  element.focus();
  element.scrollIntoView?.({ block: 'start' });
  return true;
}
