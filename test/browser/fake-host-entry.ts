// Stand-in for office.js in the browser test: the fake Excel host holding the workbook the test injects.
import type { WorkbookGrid } from "../../src/core";
import { FakeHost, FakeWorkbook } from "../excel/fake-excel";

const w = window as unknown as { __PIAO_GRID__: WorkbookGrid; __PIAO_ACTIVE__: string; __PIAO_LANG__?: string; __fakeHost: FakeHost };
const workbook = FakeWorkbook.fromGrid(w.__PIAO_GRID__);
workbook.active = w.__PIAO_ACTIVE__;
const host = new FakeHost(workbook);
if (w.__PIAO_LANG__) host.displayLanguage = w.__PIAO_LANG__;
host.install(window as unknown as Record<string, unknown>);
w.__fakeHost = host;
