/**
 * Money as the API sends it: a decimal string, never a float (PRICE-1). The API sends rates only to those who
 * may see money (PRICE-7); the UI shows what it got and has nothing to show otherwise.
 */
export function formatRate(rate: string, currency: string): string {
  return `${rate} ${currency}/h`;
}
