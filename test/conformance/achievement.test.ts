// Spec §2 obiettivo-raggiunto-incoherent on the objective-level mark as seed 001 prints it.
import { check } from "./build";
import { monitoredSheet, monitoringFound, statuses } from "./monitoring-build";

describe("spec §2 obiettivo-raggiunto-incoherent", () => {
  // Spec §2: "monitoring only: the objective is marked achieved (`RAGGIUNTO`) while a phase is not
  // completed | the cell holding the mark". Seed 001 (001-obj-002, L236) prints the final row as
  // '28/02/2025 RAGGIUNTO 16/5/2024': typed as one cell in the Scadenze column, it is the final
  // deadline (text starting with a date, §1) AND the objective's mark.
  it("the mark inside the final-deadline cell '28/02/2025 RAGGIUNTO 16/5/2024' is found (001-obj-002, fase 4 not completed)", async () => {
    const { sheet, p } = monitoredSheet("001-obj-002", (o) => {
      o.phases[3].monitoring_raw = null;
      o.phases[3].raggiungimento_raw = null;
    });
    sheet.rows[(p.final as number) - 1][3] = "28/02/2025 RAGGIUNTO 16/5/2024";
    const report = await check([sheet]);
    expect(report.objectives[0].finalDeadline).toBe("2025-02-28");
    expect(statuses(report.objectives[0])[3]).toBe("in-progress 151 2025-02-28 null");
    expect(monitoringFound(report)).toEqual(["obiettivo-raggiunto-incoherent Monitoraggio!D12 warning"]);
  });
});
