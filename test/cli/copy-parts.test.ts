// Issue 9 point 9: the annotated copy keeps every part of the user's workbook. The fixture is the
// example workbook with each kind of part a real workbook carries added to it (chart and drawing
// shapes, sheet="true" protection as LibreOffice writes it, x14 data validation, dataBar and
// sparklines, custom document properties, customXml, macros of an .xlsm, a control character in
// text, a user's note next to a form button in the sheet's VML).
import { readFileSync } from "node:fs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SEVERITY_FILL } from "../../src/core";
import type { CheckReport } from "../../src/core";
import { writeAnnotatedCopy } from "../../src/cli/annotate";
import { annotate, check, parts } from "./copy-fixtures";
import { EXAMPLE, tmpDir } from "./helpers";

const SHEET = "xl/worksheets/sheet6.xml"; // Monitoraggio 2024: flagged cells and summary columns
const PROTECTION = '<sheetProtection sheet="true" objects="true" scenarios="true" formatCells="false"/>';
const DRAWING_REF = '<drawing r:id="rIdUser1"/>';
const EXT_LST =
  '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
  '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">' +
  "<x14:formula1><xm:f>Responsabili!$A$2:$A$19</xm:f></x14:formula1><xm:sqref>C7:C10</xm:sqref></x14:dataValidation></x14:dataValidations></ext>" +
  '<ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>' +
  '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="{A1B2C3D4-0000-4000-8000-000000000001}"><x14:dataBar minLength="0" maxLength="100" gradient="0">' +
  '<x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule><xm:sqref>C7:C10</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>' +
  '<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
  '<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:sparklines><x14:sparkline><xm:f>\'Monitoraggio 2024\'!C7:C10</xm:f><xm:sqref>F3</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>';
const BUTTON =
  '<v:shape id="_x0000_s1025" type="#_x0000_t201" style="position:absolute;margin-left:400pt;margin-top:10pt;width:80pt;height:20pt;z-index:1" o:button="t" fillcolor="buttonFace [67]" strokecolor="windowText [64]" o:insetmode="auto">' +
  '<v:fill color2="buttonFace [67]" o:detectmouseclick="t"/><o:lock v:ext="edit" rotation="t"/><v:textbox style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:center"><font face="Calibri" size="220" color="auto">Aggiorna</font></div></v:textbox>' +
  '<x:ClientData ObjectType="Button"><x:Anchor>8, 0, 1, 0, 10, 0, 3, 0</x:Anchor><x:PrintObject>False</x:PrintObject><x:AutoFill>False</x:AutoFill><x:FmlaMacro>[0]!Aggiorna</x:FmlaMacro><x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center</x:TextVAlign></x:ClientData></v:shape>';
const USER_NOTE_SHAPE =
  '<v:shape id="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:300pt;margin-top:500pt;width:108pt;height:59pt;z-index:2;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
  "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>5, 15, 42, 2, 7, 15, 46, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>43</x:Row><x:Column>4</x:Column></x:ClientData></v:shape>";
const VML =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
  '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/><o:lock v:ext="edit" shapetype="t"/></v:shapetype>' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
  BUTTON +
  USER_NOTE_SHAPE +
  "</xml>";
const USER_NOTE_TEXT = "Mario Rossi:\nDa verificare con l'ufficio";
const COMMENTS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Mario Rossi</author></authors><commentList>' +
  '<comment ref="E44" authorId="0" shapeId="0"><text><r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t>Mario Rossi:</t></r><r><rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t xml:space="preserve">\nDa verificare con l\'ufficio</t></r></text></comment></commentList></comments>';
const DRAWING =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
  '<xdr:twoCellAnchor><xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Grafico 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
  '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>' +
  '<xdr:twoCellAnchor><xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>19</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
  '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" name="Freccia 2"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rightArrow"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>';
const CHART =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>' +
  "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:val><c:numRef><c:f>'Monitoraggio 2024'!$C$7:$C$10</c:f></c:numRef></c:val></c:ser><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>" +
  '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>';
const CUSTOM_PROPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Ufficio"><vt:lpwstr>Controllo di gestione</vt:lpwstr></property></Properties>';
const USER_CUSTOM_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<protocollo xmlns="urn:example:protocollo"><numero>2024/118</numero></protocollo>';
const VBA = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));

/** The worksheet part of a sheet, through workbook.xml and its relationships. */
function sheetPartOf(p: Map<string, string>, name: string): string {
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(p.get("xl/workbook.xml")!)![1];
  return "xl/" + new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(p.get("xl/_rels/workbook.xml.rels")!)![1];
}

const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
const relsXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;

/** The example workbook as an .xlsm carrying every part of issue 9 point 9. */
async function richWorkbook(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(EXAMPLE));
  const text = async (p: string) => zip.file(p)!.async("string");
  let sheet = await text(SHEET);
  sheet = sheet.replace("</sheetData>", "</sheetData>" + PROTECTION).replace("</worksheet>", `${DRAWING_REF}<legacyDrawing r:id="rIdUser2"/>${EXT_LST}</worksheet>`);
  zip.file(SHEET, sheet);
  zip.file("xl/worksheets/_rels/sheet6.xml.rels", relsXml(rel("rIdUser1", "drawing", "../drawings/drawing1.xml") + rel("rIdUser2", "vmlDrawing", "../drawings/vmlDrawing1.vml") + rel("rIdUser3", "comments", "../comments1.xml")));
  zip.file("xl/drawings/drawing1.xml", DRAWING);
  zip.file("xl/drawings/_rels/drawing1.xml.rels", relsXml(rel("rId1", "chart", "../charts/chart1.xml")));
  zip.file("xl/charts/chart1.xml", CHART);
  zip.file("xl/drawings/vmlDrawing1.vml", VML);
  zip.file("xl/comments1.xml", COMMENTS);
  zip.file("docProps/custom.xml", CUSTOM_PROPS);
  zip.file("_rels/.rels", (await text("_rels/.rels")).replace("</Relationships>", rel("rIdCustom", "custom-properties", "docProps/custom.xml") + "</Relationships>"));
  zip.file("customXml/item1.xml", USER_CUSTOM_XML);
  zip.file("xl/vbaProject.bin", VBA);
  zip.file(
    "xl/_rels/workbook.xml.rels",
    (await text("xl/_rels/workbook.xml.rels")).replace(
      "</Relationships>",
      '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>' + rel("rIdXml", "customXml", "../customXml/item1.xml") + "</Relationships>",
    ),
  );
  // A control character in a shared string, written the way Excel escapes it.
  zip.file("xl/sharedStrings.xml", (await text("xl/sharedStrings.xml")).replace(/(<si><t[^>]*>)/, "$1_x0001_"));
  const types = (await text("[Content_Types].xml"))
    .replace("spreadsheetml.sheet.main+xml", "PLACEHOLDER")
    .replace("application/vnd.openxmlformats-officedocument.PLACEHOLDER", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    .replace(
      "</Types>",
      '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' +
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
        '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>' +
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    );
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("the annotated copy keeps every part of the user's workbook", () => {
  let input: Buffer;
  let report: CheckReport;
  let before: Map<string, string>;
  let after: Map<string, string>;
  let copy: Buffer;

  beforeAll(async () => {
    input = await richWorkbook();
    report = await check(input);
    copy = await annotate(input, report);
    before = await parts(input);
    after = await parts(copy);
  });

  it("carries every part byte for byte except the ones the marks live in", () => {
    const changed = [...before.keys()].filter((p) => after.get(p) !== before.get(p)).sort();
    const marked = new Set([...report.findings.map((f) => f.sheet), ...report.objectives.map((o) => o.summary.sheet)]);
    const expected = ["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/styles.xml", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"];
    expect(changed).toEqual([...expected, ...[...marked].map((name) => sheetPartOf(before, name))].sort());
    expect(marked.size).toBeLessThan(7);
    for (const kept of ["xl/vbaProject.bin", "customXml/item1.xml", "docProps/custom.xml", "_rels/.rels", "xl/drawings/drawing1.xml", "xl/charts/chart1.xml", "xl/sharedStrings.xml", "xl/worksheets/_rels/sheet6.xml.rels"]) {
      expect([kept, after.get(kept)]).toEqual([kept, before.get(kept)]);
    }
  });

  it("keeps the protection, the drawing, the x14 extensions and the macro content type in the parts it changes", () => {
    const sheet = after.get(SHEET)!;
    expect(sheet).toContain(PROTECTION);
    expect(sheet).toContain(DRAWING_REF + '<legacyDrawing r:id="rIdUser2"/>' + EXT_LST + "</worksheet>");
    expect(after.get("[Content_Types].xml")).toContain('ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"');
    expect(after.get("[Content_Types].xml")).toContain('<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>');
    expect(after.get("xl/_rels/workbook.xml.rels")).toContain('Target="vbaProject.bin"');
    expect(after.get("xl/_rels/workbook.xml.rels")).toContain('Target="../customXml/item1.xml"');
    // The user's form button and note box are still in the drawing, next to the checker's new note boxes.
    const vml = after.get("xl/drawings/vmlDrawing1.vml")!;
    expect(vml).toContain(BUTTON);
    expect(vml).toContain(USER_NOTE_SHAPE);
    const flaggedHere = new Set(report.findings.filter((f) => f.sheet === "Monitoraggio 2024").map((f) => f.cell));
    expect(vml.match(/ObjectType="Note"/g)).toHaveLength(flaggedHere.size);
  });

  it("opens in exceljs with the marks, the user's note above the checker's lines, and the control character", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(copy as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Monitoraggio 2024")!;
    expect(ws.getCell("E44").fill).toMatchObject({ fgColor: { argb: "FF" + SEVERITY_FILL.error.slice(1) } });
    const note = ws.getCell("E44").note as ExcelJS.Comment;
    const messages = report.findings.filter((f) => f.sheet === "Monitoraggio 2024" && f.cell === "E44").map((f) => f.message);
    expect(note.texts!.map((t) => t.text).join("")).toBe(`${USER_NOTE_TEXT}\n\nVerifica PIAO:\n${messages.join("\n")}`);
    expect(note.texts![0].font?.bold).toBe(true);
    const first = before.get("xl/sharedStrings.xml")!.match(/<si><t[^>]*>_x0001_([^<]*)/)![1];
    const found = wb.worksheets.some((w) => {
      let hit = false;
      w.eachRow((row) => row.eachCell((c) => (hit ||= typeof c.value === "string" && c.value === "\u0001" + first)));
      return hit;
    });
    expect(found).toBe(true);
  });

  it("gives back the user's note alone, the drawing and every other part when the marks go", async () => {
    const none: CheckReport = { ...report, findings: [], objectives: [], counts: { error: 0, warning: 0, info: 0 } };
    const clean = await parts(await annotate(copy, none));
    expect(clean.get("xl/comments1.xml")).toBe(before.get("xl/comments1.xml"));
    expect(clean.get("xl/drawings/vmlDrawing1.vml")).toBe(VML);
    for (const kept of ["xl/vbaProject.bin", "customXml/item1.xml", "docProps/custom.xml", "xl/drawings/drawing1.xml", "xl/charts/chart1.xml"]) {
      expect(clean.get(kept)).toBe(before.get(kept));
    }
  });

  it("writes an .xlsm copy of an .xlsm and refuses to give it the .xlsx extension", async () => {
    const dir = tmpDir();
    const file = path.join(dir, "piano.xlsm");
    await fs.writeFile(file, input);
    await expect(writeAnnotatedCopy(file, path.join(dir, "copia.xlsx"), report, "it")).rejects.toThrow(
      `--out ${path.join(dir, "copia.xlsx")}: la copia di questo file deve avere estensione .xlsm`,
    );
    await writeAnnotatedCopy(file, path.join(dir, "copia.xlsm"), report, "it");
    const written = await parts(await fs.readFile(path.join(dir, "copia.xlsm")));
    expect(written.get("xl/vbaProject.bin")).toBe(before.get("xl/vbaProject.bin"));
  });
});
