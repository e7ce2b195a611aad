/**
 * Props for a required input. Mantine's own asterisk is a text node inside the <label>, which makes the label's text
 * "Code *" (so `getByLabel('Code', { exact: true })` misses it). Instead the label gets `data-required` and styles.css
 * draws the marker as a background image; the input keeps `required` for assistive technology (forms use noValidate).
 */
export const req = {
  required: true,
  labelProps: { required: false, mod: { required: true } },
} as const;
