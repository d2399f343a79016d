// Number formats by id, as exceljs 4.4 resolves them (lib/xlsx/defaultnumformats.js, the entries with one
// code), so that both readers give a cell the same format; a test compares this table with exceljs's.
export const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** exceljs's test for a date format: date or time letters outside brackets, then outside quotes. */
export function exceljsDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]/.test(strip(strip(fmt, "[]"), '""'));
}

/** The grid's test for a date format (the one src/cli/xlsx.ts has always used): d, m or y outside brackets and quotes. */
export function isDateFormat(fmt: string | undefined): boolean {
  return !!fmt && /[dmy]/i.test(strip(fmt, '[]""'));
}

/**
 * `fmt` without its bracketed or quoted segments, as `fmt.replace(/\[[^\]]*]|"[^"]*"/g, "")` would give for
 * pairs "[]" and '""', but in one linear pass whatever the text (a format code is user data).
 */
function strip(fmt: string, pairs: string): string {
  let out = "";
  let i = 0;
  // A closer once missing stays missing further on: it is never searched for again.
  const missing = new Set<string>();
  while (i < fmt.length) {
    const k = pairs.indexOf(fmt[i]);
    const closer = k >= 0 && k % 2 === 0 ? pairs[k + 1] : "";
    const close = closer === "" || missing.has(closer) ? -1 : fmt.indexOf(closer, i + 1);
    if (close < 0) {
      if (closer !== "") missing.add(closer);
      out += fmt[i++];
    } else i = close + 1;
  }
  return out;
}
