/** JSON for machine readers: NaN scores (unscored steps) become null, as JSON has no NaN. */
export function toJson(value: unknown, pretty = true): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), pretty ? 2 : undefined);
}
