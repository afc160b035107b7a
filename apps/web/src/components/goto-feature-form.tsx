/** Jump straight to a feature by index: a plain GET form, handled by the SAE page (`?goto=`). */
export function GotoFeatureForm({ width }: { width: number }) {
  return (
    <form className="goto-form" method="get">
      <label htmlFor="goto">Go to feature</label>
      <input id="goto" name="goto" type="number" min={0} max={width - 1} placeholder={`0–${width - 1}`} required />
      <button type="submit">Open</button>
    </form>
  );
}
