/** What e2e tests read and drive on the guide's map through `window.__tesseraGuide` (only with test hooks on). */
export interface GuideTestHook {
  /** id of the small area the map shows */
  areaId: number;
  /** the user's GPS position as the page knows it, or null */
  position(): [number, number] | null;
  /** the comment pin shown on the map (while the return form is open), or null */
  pin(): [number, number] | null;
  /** acts as a tap on the map at lon/lat (sets the point a comment is pinned to) */
  tap(lon: number, lat: number): void;
  /** numbers of the buildings drawn with a label */
  renderedBuildingNumbers(): number[];
}

declare global {
  interface Window {
    __tesseraGuide?: GuideTestHook;
  }
}

/**
 * Used by `createGuideMap` when test hooks are on (beside the main map's `window.__tessera`, which drives
 * the view): the guide-specific state. Returns the function that removes it.
 */
export function installGuideTestHook(hook: GuideTestHook): () => void {
  window.__tesseraGuide = hook;
  return () => {
    if (window.__tesseraGuide === hook) delete window.__tesseraGuide;
  };
}
