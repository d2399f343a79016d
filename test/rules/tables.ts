// The real objective tables that several rule tests share, each written once as it sits in the sheet
// (test/data/corpus/objectives.json; seed lines in each comment). A builder's parameters are the
// cells the tests vary; their defaults are the real values, so a call without arguments is the real sheet.
import type { WorkbookGrid } from "../../src/core";
import { dateCell, FINALE, finale, HEADER_MONITORING, pct, scheda, totale, type Cell, type ResponsabiliRow } from "./helpers";

/** 000-obj-001 (seed 000, L835), Obiettivo A: weights 40% / 20% / 40%, total 100%, final 31/05/2022. */
export const FINE_MANDATO = "Obiettivo A: Progettazione e approvazione documento programmatico amministrativo di fine mandato";

/** The three phase rows of 000-obj-001; `w*` are the Incidenza cells, `d2` fase 2's deadline. */
export function fasi001({ w1 = pct(40), w2 = pct(20), w3 = pct(40), d2 = dateCell("31/03/2022") }: { w1?: Cell; w2?: Cell; w3?: Cell; d2?: Cell } = {}): Cell[][] {
  return [
    ["fase 1:", "Ultimazione del documento finale", w1, null, dateCell("28/02/2022")],
    ["fase 2:", "Approvazione da parte della Giunta Comunale", w2, null, d2],
    ["fase 3:", "Programma di diffusione e divulgazione del documento", w3, "57098", dateCell("31/05/2022")],
  ];
}

/** 000-obj-001 as a scheda: `fasi` replaces the phase rows, `total` the stated total, `header` the table header. */
export function fineMandato({ fasi = fasi001(), total = pct(100), header }: { fasi?: Cell[][]; total?: Cell; header?: string[] } = {}): WorkbookGrid {
  return scheda({ title: FINE_MANDATO, header, rows: [...fasi, totale(total), finale(dateCell("31/05/2022"))] });
}

/**
 * 000-obj-001 as the PDF prints it, each label glued to the start of its Descrizione cell and no label
 * column; `fase2` and `fase3` are those two cells.
 */
export function fineMandatoGlued({
  fase2 = "fase 2: Approvazione da parte della Giunta Comunale",
  fase3 = "fase 3: Programma di diffusione e divulgazione del documento",
}: { fase2?: string; fase3?: string } = {}): WorkbookGrid {
  return scheda({
    title: FINE_MANDATO,
    header: ["Descrizione", "Incidenza %", "Codifica Responsabili coinvolti", "Scadenze previste"],
    rows: [
      ["fase 1: Ultimazione del documento finale", pct(40), null, dateCell("28/02/2022")],
      [fase2, pct(20), null, dateCell("31/03/2022")],
      [fase3, pct(40), "57098", dateCell("31/05/2022")],
      [null, pct(100)],
    ],
  });
}

/** 000-obj-002 (seed 000, L897), Obiettivo B: fase 1 "2255", fase 2 "2254, 57098"; `responsabili` as in `scheda`. */
export function spinetta({
  descr1 = "Approvazione dell'Avviso pubblico e delle condizioni di concessione",
  cod1 = "2255",
  cod2 = "2254, 57098",
  responsabili,
}: { descr1?: Cell; cod1?: Cell; cod2?: Cell; responsabili?: ResponsabiliRow[] | null } = {}): WorkbookGrid {
  return scheda({
    title: "Obiettivo B: Sede ex Circoscrizione Spinetta Marengo, ricerca Soggetto privato per gestione e cura bene pubblico",
    rows: [
      ["fase 1:", descr1, pct(50), cod1, dateCell("28/02/2022")],
      ["fase 2:", "Verbale di Commissione tecnico qualitativa sulle candidature", pct(20), cod2, dateCell("31/03/2022")],
      ["fase 3:", "Firma del Patto di Collaborazione con Soggetto no profit", pct(30), null, dateCell("31/05/2022")],
      totale(pct(100)),
      finale(dateCell("31/05/2022")),
    ],
    responsabili,
  });
}

/** 000-obj-003 (seed 000, L968), Obiettivo C: a 2022 plan whose fase 4 and final deadline fall on 30/06/2023. */
export function valorial(responsabili?: ResponsabiliRow[] | null): WorkbookGrid {
  return scheda({
    title: "Obiettivo C: Nuova gestione liquidatoria della Società Valor.I.Al S.r.l.",
    rows: [
      ["fase 1:", "Riapertura della gestione liquidatoria", pct(25), null, dateCell("31/03/2022")],
      ["fase 2:", "Approvazione programma di liquidazione e scioglimento", pct(25), null, dateCell("30/06/2022")],
      ["fase 3:", "Gestione delle procedure di pignoramento in corso", pct(25), null, dateCell("31/12/2022")],
      ["fase 4:", "Approvazione bilancio di liquidazione", pct(25), null, dateCell("30/06/2023")],
      totale(pct(100)),
      finale(dateCell("30/06/2023")),
    ],
    responsabili,
  });
}

/** 000-obj-004 (seed 000, L1039), Obiettivo A (Avvocatura): every deadline "in corso d'anno", final 31/12/2022. */
export function recuperoCrediti(): WorkbookGrid {
  return scheda({
    title: "Obiettivo A: Recupero crediti dell'Ente attraverso pratiche stragiudiziali e giudiziali attive - II annualità",
    rows: [
      ["fase 1:", "verifica sussistenza credito", pct(10), null, "in corso d'anno"],
      ["fase 2:", "studio e monitoraggio degli atti strategici da adottare", pct(30), null, "in corso d'anno"],
      ["fase 3:", "instaurazione, in caso di inottemperanza, del giudizio o della fase esecutiva in caso di credito giudiziale", pct(60), null, "in corso d'anno"],
      totale(pct(100)),
      finale(dateCell("31/12/2022")),
    ],
  });
}

/** The five phase rows of 000-obj-007 (seed 000, L1279), Obiettivo B: 20+10+10+20+40, latest deadline 01/11/2022. */
export function fasi007(): Cell[][] {
  return [
    ["fase 1:", "Redazione elaborato progettuale", pct(20), null, dateCell("30/04/2022")],
    ["fase 2:", "Comunicazioni ai Dirigenti scolastici", pct(10), null, dateCell("31/05/2022")],
    ["fase 3:", "Individuazione del personale da impiegare nel progetto", pct(10), null, dateCell("30/06/2022")],
    ["fase 4:", "Formazione del personale", pct(20), null, dateCell("31/08/2022")],
    ["fase5:", "Avvio dell’attività presso gli istituti scolastici", pct(40), null, dateCell("01/11/2022")],
  ];
}

/**
 * 000-obj-007, Obiettivo B: Educazione stradale, final deadline 30/06/2023 (the 2022 annuity of a
 * multi-year objective). `total` are the rows between the phases and the final deadline.
 */
export function educazioneStradale({
  fasi = fasi007(),
  total = [totale(pct(100))],
  final = dateCell("30/06/2023"),
}: { fasi?: Cell[][]; total?: Cell[][]; final?: Cell } = {}): WorkbookGrid {
  return scheda({ title: "Obiettivo B: Educazione stradale", rows: [...fasi, ...total, finale(final)] });
}

/** 000-obj-009 (seed 000, L1411), Obiettivo B. */
export const PERFORMANCE = "Obiettivo B: Sistema della Performance per il personale dei livelli";

/**
 * 000-obj-009's rows below the header: fase 3's 30/09/2021 (`d3`) is almost certainly a typo for 2022;
 * `total` is the total row.
 */
export function performanceRows({ d3 = dateCell("30/09/2021"), total = totale(pct(100)) }: { d3?: Cell; total?: Cell[] } = {}): Cell[][] {
  return [
    ["fase 1:", "Analisi del contesto", pct(25), "2245, 2577", dateCell("30/04/2022")],
    ["fase 2:", "Elaborazione proposta", pct(35), "2245, 2577", dateCell("31/08/2022")],
    ["fase 3:", "relazioni sindacali", pct(35), "2245", d3],
    ["fase: 4", "adozione atto finale", pct(5), "2245", dateCell("30/11/2022")],
    total,
    finale(dateCell("30/11/2022")),
  ];
}

/** 000-obj-009 as a scheda. */
export function sistemaPerformance(d3?: Cell): WorkbookGrid {
  return scheda({ title: PERFORMANCE, rows: performanceRows({ d3 }) });
}

/** 000-obj-010 (seed 000, L1470), Obiettivo C. */
export const TIROCINI = "Obiettivo C: Definizione modalità di accesso ai tirocini formativi e alternanza scuola lavoro";

/** 000-obj-010's rows below the header: weights 30/40/30 (`w*`), total `total`, fase 3 due 31/10/2022, final `final`. */
export function tirociniRows(final: Cell, { w1 = pct(30), w2 = pct(40), w3 = pct(30), total = pct(100) }: { w1?: Cell; w2?: Cell; w3?: Cell; total?: Cell } = {}): Cell[][] {
  return [
    ["fase 1:", "analisi del contesto", w1, null, dateCell("31/03/2022")],
    ["fase 2:", "elaborazioni proposte", w2, null, dateCell("30/06/2022")],
    ["fase 3:", "approvazione - modulistica", w3, null, dateCell("31/10/2022")],
    totale(total),
    finale(final),
  ];
}

/** 000-obj-010 as a scheda. */
export function tirocini(final: Cell, cells?: Parameters<typeof tirociniRows>[1]): WorkbookGrid {
  return scheda({ title: TIROCINI, rows: tirociniRows(final, cells) });
}

/** 000-obj-011 (seed 000, L1533), Obiettivo A; `cod2` is fase 2's Codifica cell. */
export function parcoVeicolare(cod2: Cell): WorkbookGrid {
  return scheda({
    title: "Obiettivo A: Razionalizzazione del parco veicolare dell'Ente e introduzione di un sistema di car sharing interno per ciascun Settore/Servizio Autonomo",
    rows: [
      ["fase 1:", "Ricognizione dei veicoli più vetusti e con maggiori esigenze manutentive", pct(15), null, dateCell("30/04/2022")],
      ["fase 2:", "Individuazione, di concerto con gli altri Settori/Servizi Autonomi, delle reali esigenze di utilizzo di veicoli", pct(35), cod2, dateCell("30/06/2022")],
      ["fase 3:", "Individuazione dei veicoli più vetusti da dismettere", pct(15), null, dateCell("31/07/2022")],
      ["fase 4:", "Avvio del procedimento di dismissione dei veicoli vetusti e introduzione del sistema di car sharing presso ogni Settore/Servizio Autonomo", pct(10), null, dateCell("30/11/2022")],
      ["fase 5:", "Progettazione del sistema di gestione efficiente delle prenotazioni dei veicoli da parte dei dipendenti", pct(25), "2249", dateCell("31/12/2022")],
      totale(pct(100)),
      finale(dateCell("31/12/2022")),
    ],
  });
}

/** 000-obj-019 (seed 000, L2198), Obiettivo A: 0% / 0% / 100% (`w3`), fasi 1-2 "Conclusa". */
export function prfp(w3: Cell = pct(100)): WorkbookGrid {
  return scheda({
    title: "Obiettivo A: Attuazione delle azioni esplicitate nei processi del PRFP 2019-2038",
    rows: [
      ["fase 1:", "Contenimento spesa a 827.344 euro per l’anno 2020", pct(0), null, "Conclusa"],
      ["fase 2:", "Contenimento spesa a 648.292 euro per l’anno 2021", pct(0), null, "Conclusa"],
      ["fase 3:", "Contenimento spesa a 300.000 euro per il primo semestre 2022", w3, null, dateCell("30/06/2022")],
      totale(pct(100)),
      finale(dateCell("30/06/2022")),
    ],
  });
}

/**
 * 000-obj-022 (seed 000, L2450), Obiettivo D: dates, then «entro tre mesi …»; the 'Scadenza finale'
 * label (L2522) has no value.
 */
export function revisioneProcessi(): WorkbookGrid {
  return scheda({
    title: "Obiettivo D: Revisione dei processi interni al settore e loro efficientamento",
    rows: [
      ["fase 1:", "Studio del contesto e proposta di soluzioni organizzative con il supporto di specialisti della facoltà di Ingegneria Gestionale del Politecnico di Milano", pct(20), "2251", dateCell("31/01/2022")],
      ["fase 2:", "Definizione delle azioni attuabili nel breve periodo, approvazione e avvio della sperimentazione dei KPI per la misurazione dei benefici arrecati", pct(25), "2577", dateCell("31/03/2022")],
      ["fase 3:", "Monitoraggio sull'andamento delle modifiche realizzate ed eventuale messa a punto di azioni correttive", pct(15), "2577", dateCell("30/06/2022")],
      ["fase 4:", "Implementazione delle migliorie che richiedono una più complessa azione amministrativa", pct(20), null, "entro tre mesi dall'entrata in vigore della nuova macrostruttura dell'Ente"],
      ["fase 5:", "Verifica finale sull'andamento delle modifiche realizzate e proposta di estensione del lavoro anche ad altri Settori dell'Ente", pct(20), "2577 - 2251", "entro i tre mesi successivi alla scadenza della fase precedente"],
      totale(pct(100)),
      [FINALE],
    ],
  });
}

/** 000-obj-023 (seed 000, L2562), Obiettivo 1: sub-phases 1 a)-1 b) weighing 5% + 10%, both naming ASM Costruire Insieme. */
export function eventi(): WorkbookGrid {
  const asm = "ASM Costruire Insieme, 2247, 2250, 2252, 2254, 57098";
  return scheda({
    title: "Obiettivo 1: Realizzazione di un programma coordinato di eventi fra Comune e ASM Costruire Insieme",
    rows: [
      ["fase 1 a):", "Programmazione degli eventi per le stagioni primavera/estate", pct(5), asm, dateCell("28/02/2022")],
      ["fase 1 b):", "Programmazione degli eventi per le stagioni autunno/inverno", pct(10), asm, dateCell("30/06/2022")],
      ["fase 2:", "Sviluppo della comunicazione delle manifestazioni in modo coordinato ed organico alle comunicazioni della Città a livello locale e nazionale", pct(10), null, dateCell("30/09/2022")],
      ["fase 3:", "Coordinamento e controllo della realizzazione degli eventi programmati e della sinergia fra i diversi soggetti", pct(65), null, dateCell("31/12/2022")],
      ["fase 4:", "Redazione della relazione conclusiva afferente allo svolgimento degli eventi a programma e sua presentazione all'Amministrazione comunale", pct(10), null, dateCell("31/12/2022")],
      totale(pct(100)),
      finale(dateCell("31/12/2022")),
    ],
  });
}

/**
 * 000-obj-037 (seed 000, L4090), Obiettivo B: fasi 1 a)-1 c) share ONE merged 90% cell (C8:C10) and
 * the deadline 15/11/2022. `subDeadline` is the Scadenze cell of 1 b) and 1 c); `merges` the merged areas.
 */
export function regolamento({ merges = ["C8:C10"], subDeadline = dateCell("15/11/2022") }: { merges?: string[]; subDeadline?: Cell } = {}): WorkbookGrid {
  return scheda({
    title: "Obiettivo B: Redazione Regolamento di Funzionamento della Commissione Locale per il Paesaggio",
    rows: [
      ["fase 1 a)", "Redazione del Regolamento", pct(90), null, dateCell("15/11/2022")],
      ["fase 1 b)", "Riunioni con i rappresentanti dei Comuni associati per la presentazione del Regolamento per eventuali osservazioni", null, null, subDeadline],
      ["fase 1 c)", "Proposizione alla Giunta Comunale per l'approvazione della proposta di Regolamento", null, null, subDeadline],
      ["fase 2", "Proposizione di deliberazione al Consiglio Comunale per l'approvazione del Regolamento e comunicazione ai Comuni coinvolti per la ratifica conclusiva del procedimento", pct(10), null, dateCell("30/11/2022")],
      totale(pct(100)),
      finale(dateCell("30/11/2022")),
    ],
    merges,
  });
}

/** 000-obj-040 (seed 000, L4408), Obiettivo B: fase 1's Codifica names only a party, «AMAG RETI IDRICHE». */
export function fontane(responsabili?: ResponsabiliRow[] | null): WorkbookGrid {
  return scheda({
    title: "Obiettivo B: Fontane e fontanelle",
    rows: [
      ["fase 1:", "censimento e verifica stato di consistenza impianti e fontane", pct(10), "AMAG RETI IDRICHE", dateCell("30/06/2022")],
      ["fase 2:", "analisi dei costi di gestione attuali delle fontane e degli impianti (stazioni di sollevamento)", pct(20), null, dateCell("31/07/2022")],
      ["fase 3:", "individuazione dei requisiti tecnico prestazionali dei nuovi modelli gestionali", pct(10), null, dateCell("30/09/2022")],
      ["fase 4:", "verifica ed analisi rapporto costi/benefici tra i diversi modelli gestionali individuati", pct(20), null, dateCell("31/10/2022")],
      ["fase 5:", "redazione di una proposta di affidamento/gestione del servizio", pct(20), null, dateCell("30/11/2022")],
      ["fase 6:", "approvazione del nuovo modello gestionale individuato", pct(10), null, dateCell("15/12/2022")],
      ["fase 7:", "programmazione delle modalità attuative del nuovo modello gestionale approvato", pct(10), null, dateCell("31/12/2022")],
      totale(pct(100)),
      finale(dateCell("31/12/2022")),
    ],
    responsabili,
  });
}

/** 001-obj-002 (seed 001, L142), Obiettivo B: fase 4 as cashed on 16/05/2024 (its Monitoraggio and Raggiungimento cells). */
export const NOTIFICHE_FASE4_DONE: Cell[] = ["OK", "Fase completata in data 16/05/2024 con comunicazione di avvenuta Liquidazione del finanziamento da parte del Dipartimento per la Trasformazione Digitale - protocollo Entrata n.45639 del 16/05/2024"];

/**
 * 001-obj-002, Obiettivo B, at the 30/09/2024 monitoring: every phase completed and the only
 * objective-level achievement of the corpus, "28/02/2025 RAGGIUNTO 16/5/2024" on the final row (L236).
 * `fase4` are fase 4's Monitoraggio and Raggiungimento cells, `mark` the cell right of the final deadline.
 */
export function notifiche({ fase4 = NOTIFICHE_FASE4_DONE, mark = "RAGGIUNTO 16/5/2024" }: { fase4?: Cell[]; mark?: Cell } = {}): WorkbookGrid {
  return scheda({
    title: "Obiettivo B: Progetto PNRR per la realizzazione della Piattaforma Notifiche Digitali (PND)",
    header: HEADER_MONITORING,
    rows: [
      ["fase 1:", "Contrattualizzazione dei fornitori", pct(25), null, "Conclusa", null],
      ["fase 2:", "Realizzazione Integrazione processi di notifica con PND", pct(40), "OK (in collaborazione con Comandante Bassani)", dateCell("31/03/2024"), "Fase completata in data 13/12/2023 come evidenziato nella piattaforma PADigitale2026"],
      ["fase 3:", "Validazione realizzazione da parte di Agid", pct(20), "OK", dateCell("30/09/2024"), "Fase completata in data 12/02/2024. A fronte dell'asseverazione positiva comunicata con e-mail del 12/02/2024 è stato possibile inoltrare la Domanda di finanziamento al Dipartimento per la Trasformazione Digitale in data 09/05/2024 - comunicazione protocollo Entrata n.42957 del 09/05/2024"],
      ["fase 4:", "Incasso del Finanziamento", pct(15), fase4[0], dateCell("28/02/2025"), fase4[1]],
      totale(pct(100)),
      finale(dateCell("28/02/2025"), mark),
    ],
  });
}

/** 001-obj-004 (seed 001, L400), Obiettivo D: «Conclusa» deadlines and fase 3's «31/01/2024 ma già conclusa nel 2023». */
export function appIo(): WorkbookGrid {
  return scheda({
    title: "Obiettivo D: Progetto PNRR per l’Adozione dell’APP IO",
    header: HEADER_MONITORING,
    rows: [
      ["fase 1:", "Contrattualizzazione dei fornitori", pct(25), null, "Conclusa", "Conclusa"],
      ["fase 2:", "Realizzazione Integrazione", pct(40), null, "Conclusa", "Conclusa"],
      ["fase 3:", "Validazione realizzazione da parte di Agid", pct(20), null, "31/01/2024 ma già conclusa nel 2023", "già conclusa nel 2023"],
      ["fase 4:", "Incasso del Finanziamento", pct(15), "OK", dateCell("31/07/2024"), "Fase completata in data 26/06/2024 con comunicazione di avvenuta Liquidazione del finanziamento da parte del Dipartimento per la Trasformazione Digitale - protocollo Entrata n.60556 del 26/06/2024"],
      totale(pct(100)),
      finale(dateCell("31/07/2024")),
    ],
  });
}

/**
 * The 12 phase rows of 001-obj-008 (seed 001, L814), Obiettivo H, at the 30/09/2024 monitoring: three
 * interleaved tracks (connettività 1,4,7,10; parcheggi 2,5,8,11; Palazzo Cuttica 3,6,9,12), monotonic
 * inside each track but not by phase number. Only fasi 1-3 have a Raggiungimento note.
 */
export function fasi008(): Cell[][] {
  return [
    ["fase 1:", "Predisposizione della domanda di candidatura per il progetto \"connettività\"", pct(10), "(in collaborazione con arch. Zappa)", dateCell("30/09/2024"), "Fase in ritardo in quanto il progetto è in fase di ultimazione non risultano attivi gli strumenti informatici per la trasmissione del progetto in Regione per la sua validazione"],
    ["fase 2:", "Predisposizione della domanda di candidatura per il progetto di \"monitoraggio dei parcheggi\"", pct(10), "(in collaborazione con arch. Zappa)", dateCell("30/09/2024"), "Fase in ritardo in quanto il progetto è in fase di ultimazione. non risultano attivi gli strumenti informatici per la trasmissione del progetto in Regione per la sua validazione"],
    ["fase 3:", "Predisposizione della domanda di candidatura per il progetto di \"sensoristica presso Palazzo Cuttica\"", pct(10), "OK (in collaborazione con avv. Bocchio)", dateCell("31/08/2024"), "Fase completata in data 23/05/2024 approvando il progetto con deliberazione della Giunta Comunale n. 119 ma non risultano attivi gli strumenti informatici per la trasmissione del progetto in Regione per la sua validazione"],
    ["fase 4:", "Validazione Regionale progetto \"connettività\"", pct(5), null, dateCell("31/12/2024"), null],
    ["fase 5:", "Validazione Regionale progetto \"monitoraggio parcheggi\"", pct(5), null, dateCell("31/12/2024"), null],
    ["fase 6:", "Validazione Regionale progetto \"sensoristica presso Palazzo Cuttica\"", pct(5), null, dateCell("30/11/2024"), null],
    ["fase 7:", "Individuazione del fornitore per progetto \"connettività\"", pct(8), null, dateCell("30/04/2025"), null],
    ["fase 8:", "Individuazione del fornitore per progetto \"monitoraggio parcheggi\"", pct(8), null, dateCell("31/03/2025"), null],
    ["fase 9:", "Individuazione del fornitore per progetto \"sensoristica presso Palazzo Cuttica\"", pct(8), null, dateCell("31/12/2024"), null],
    ["fase 10:", "Realizzazione progetto \"connettività\"", pct(11), "Zappa", dateCell("31/10/2025"), null],
    ["fase 11:", "Realizzazione progetto \"monitoraggio parcheggi\"", pct(10), "Zappa", dateCell("31/07/2025"), null],
    ["fase 12:", "Realizzazione progetto \"sensoristica presso Palazzo Cuttica\"", pct(10), "Bocchio", dateCell("28/02/2025"), null],
  ];
}

/** 001-obj-008 as a scheda, with the phase rows `fasi` (default all 12), total 100% and final 31/10/2025. */
export function agendaDigitale(fasi: Cell[][] = fasi008()): WorkbookGrid {
  return scheda({
    title: "Obiettivo H: Progetto PorFesr – Completamento attività dell’Agenda digitale",
    header: HEADER_MONITORING,
    rows: [...fasi, totale(pct(100)), finale(dateCell("31/10/2025"))],
  });
}

/**
 * 001-obj-011 (seed 001, L1246), Obiettivo M, at the 30/09/2024 monitoring: fase 2 (due 31/07/2024)
 * is "in ritardo". `header` is the table header, `fase2` fase 2's Monitoraggio and Raggiungimento cells,
 * `mon3` fase 3's Monitoraggio cell.
 */
export function spesaInformatica({
  header = HEADER_MONITORING,
  fase2 = [null, "Fase in ritardo in quanto sono subentrati problemi nell'approvvigionamento degli smatphone. In ogni caso il ritardo non pregiudica l'obiettivo finale di contenimento della spesa che risulta comunque ampiamente sotto controllo"],
  mon3 = null,
}: { header?: string[]; fase2?: Cell[]; mon3?: Cell } = {}): WorkbookGrid {
  return scheda({
    title: "Obiettivo M: Riduzione della spesa di gestione dei servizi informatici e di Telecomunicazioni",
    header,
    rows: [
      ["fase 1:", "Razionalizzazione dei contratti in capo a CSI Piemonte per l’anno 2024 per manmtenerli al di sotto della soglia di euro 250.000,00.", pct(30), "OK", dateCell("31/12/2024"), "al 30/09/2024 gli affidamenti a CSI Piemonte nell'anno 2024 risultano pari ad € 66,057,95 ampiamente sotto la soglia di allarme"],
      ["fase 2:", "Adesione alla nuova Convenzione Consip di Telefonia Mobile", pct(40), fase2[0], dateCell("31/07/2024"), fase2[1]],
      ["fase 3:", "Revisione dei contratti con i fornitori di servizi di telefonia fissa e telecomunicazione a fronte de nuove convenzioni messe a disposizione da Consip e/o altri soggetti aggregatori", pct(30), mon3, dateCell("31/12/2024"), null],
      totale(pct(100)),
      finale(dateCell("31/12/2024")),
    ],
  });
}

/**
 * 001-obj-013 (seed 001, L1472), Obiettivo O: fase 1 (due 08/09/2024) is "in ritardo" with a
 * "proroga dei tempi fino al 31/12/2024", an extension and not a completion date.
 */
export function coesione(): WorkbookGrid {
  return scheda({
    title: "Obiettivo O: Progetti della Coesione territoriale del Bacino del Tanaro",
    header: HEADER_MONITORING,
    rows: [
      ["fase 1:", "Realizzazione del progetto \"Coesione territoriale\": Ciclovie e \"green belt\" finanziato sul bando \"Grandi bandi\" della Fondazione CRAL", pct(35), null, dateCell("08/09/2024"), "Fase in ritardo in quanto rispetto alla scadenza prevista anche se la Fondazione CRAL ha concesso una proroga dei tempi fino al 31/12/2024. Seguirà richiesta di rimodulazione dell'obiettivo"],
      ["fase 2:", "Potenziamento sito web per divulgare le azioni delle progettualità legata alla Coesione territoriale del Bacino del Tanaro", pct(30), "OK", dateCell("30/09/2024"), "Fase completata grazie al costante aggiornamento della sezione dedicata https://www.comune.alessandria.it/coesione-territoriale-bacino-del-tanaro"],
      ["fase 3:", "Candidatura di almeno un progetto per la valorizzazione del territorio della Coesione", pct(35), "OK", dateCell("31/12/2024"), "Fase completata 27/03/2024 grazie alla candidatura al Bando PR FESR 2021-2027 Piemonta in bici (deliberazione di Giunta n. 68)"],
      totale(pct(100)),
      finale(dateCell("31/12/2024")),
    ],
  });
}
