/**
 * A constructable stylesheet for an element's `static styles`, made from CSS text: Lit adopts
 * CSSStyleSheet objects as they are. The kit's styles are plain literals, so Lit's `css` tag, with
 * its interpolation checks and their messages, would only add weight to the bundle.
 */
export function sheet(cssText: string): CSSStyleSheet {
  const styles = new CSSStyleSheet();
  styles.replaceSync(cssText);
  return styles;
}
