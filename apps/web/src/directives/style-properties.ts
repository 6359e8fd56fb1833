// Sets CSS custom properties on an element through the CSSOM. Unlike styleMap, whose first
// render writes a style="" attribute, this never writes inline style markup, so it keeps
// working under a Content-Security-Policy without 'unsafe-inline' for styles.
import { type ElementPart, noChange, nothing } from 'lit';
import { Directive, directive, type PartInfo, PartType } from 'lit/directive.js';

type StyleProperties = Readonly<Record<`--${string}`, string>>;

class StylePropertiesDirective extends Directive {
  private previousNames = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) {
      throw new Error('styleProperties() must be bound in an element position, not an attribute or child.');
    }
  }

  render(_properties: StyleProperties) {
    return nothing;
  }

  override update(part: ElementPart, [properties]: [StyleProperties]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previousNames) if (!(name in properties)) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.previousNames = new Set(Object.keys(properties));
    return noChange;
  }
}

/** `<span ${styleProperties({ '--label-color': label.color })}>` */
export const styleProperties = directive(StylePropertiesDirective);
