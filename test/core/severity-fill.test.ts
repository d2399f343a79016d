// The severity fills (issue 11): not a colour that Office or Sheets puts on headers and tables, still
// read as red / amber / blue, with black text readable on them (WCAG).
import { SEVERITY_FILL } from "../../src/core";

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const hex = (c: Rgb) => "#" + c.map((v) => Math.round(v).toString(16).padStart(2, "0").toUpperCase()).join("");

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const [R, G, B] = [r / 255, g / 255, b / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === R ? (G - B) / d + (G < B ? 6 : 0) : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return [h * 60, s, l];
}

function fromHsl([h, s, l]: [number, number, number]): Rgb {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const k = (t + 1) % 1;
    if (k < 1 / 6) return p + (q - p) * 6 * k;
    if (k < 1 / 2) return q;
    if (k < 2 / 3) return p + (q - p) * (2 / 3 - k) * 6;
    return p;
  };
  return [channel(h / 360 + 1 / 3), channel(h / 360), channel(h / 360 - 1 / 3)].map((v) => v * 255) as Rgb;
}

/** Office's "Lighter 80%/60%/40%" theme tints: the luminance moved towards white in HSL. */
const tint = (base: string, t: number) => {
  const [h, s, l] = toHsl(rgb(base));
  return hex(fromHsl([h, s, l * (1 - t) + t]));
};

// Theme colours (dk2, lt2, accent1-6) of Office 2007-2010, 2013-2022 and 2023+: table styles and
// header cell styles use them and their tints.
const THEMES = [
  ["#1F497D", "#EEECE1", "#4F81BD", "#C0504D", "#9BBB59", "#8064A2", "#4BACC6", "#F79646"],
  ["#44546A", "#E7E6E6", "#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"],
  ["#0E2841", "#E8E8E8", "#156082", "#E97132", "#196B24", "#0F9ED5", "#A02B93", "#4EA72E"],
];
const GOOD_BAD_NEUTRAL = ["#C6EFCE", "#FFC7CE", "#FFEB9C"];
/** The light rows of the Google Sheets colour palette, what users pick for headers there. */
const SHEETS_PALETTE = ["#F4CCCC", "#EA9999", "#E06666", "#FCE5CD", "#F9CB9C", "#F6B26B", "#FFF2CC", "#FFE599", "#FFD966", "#D9EAD3", "#B6D7A8",
  "#CFE2F3", "#9FC5E8", "#6FA8DC", "#C9DAF8", "#A4C2F4", "#D0E0E3", "#A2C4C9", "#D9D2E9", "#B4A7D6", "#EAD1DC", "#D5A6BD", "#E6B8AF", "#DD7E6B"];
const TAKEN = [...THEMES.flat().flatMap((c) => [0, 0.2, 0.4, 0.6, 0.8].map((t) => tint(c, t))), ...GOOD_BAD_NEUTRAL, ...SHEETS_PALETTE];

const distance = (a: string, b: string) => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]));
const luminance = (c: string) =>
  rgb(c)
    .map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);

test("the theme model gives Office's own tints (the old info fill #DDEBF7 is accent 5 lighter 80%)", () => {
  expect(tint("#5B9BD5", 0.8)).toBe("#DEEBF7");
  expect(tint("#4472C4", 0.8)).toBe("#DAE3F3");
  expect(distance("#DDEBF7", "#D9E1F2")).toBeLessThan(20);
});

test.each(Object.entries(SEVERITY_FILL))("%s fill %s stands apart from every Office and Sheets header colour", (_s, fill) => {
  const nearest = Math.min(...TAKEN.map((c) => distance(c, fill)));
  expect(nearest).toBeGreaterThanOrEqual(20);
});

test("the fills read as red, amber and blue, differ from each other, and keep black text above 7:1", () => {
  const hue = (c: string) => toHsl(rgb(c))[0];
  expect(hue(SEVERITY_FILL.error) < 15 || hue(SEVERITY_FILL.error) > 345).toBe(true);
  expect(hue(SEVERITY_FILL.warning)).toBeGreaterThanOrEqual(30);
  expect(hue(SEVERITY_FILL.warning)).toBeLessThanOrEqual(45);
  expect(hue(SEVERITY_FILL.info)).toBeGreaterThanOrEqual(200);
  expect(hue(SEVERITY_FILL.info)).toBeLessThanOrEqual(230);
  const fills = Object.values(SEVERITY_FILL);
  for (const a of fills) for (const b of fills) if (a !== b) expect(distance(a, b)).toBeGreaterThan(60);
  for (const f of fills) expect((luminance(f) + 0.05) / 0.05).toBeGreaterThanOrEqual(7);
});
