#!/usr/bin/env node
// Builds examples/obiettivi-2022.xlsx: real objective tables of seeds 000, 001 and 002 laid out
// as the comuni's "schede obiettivo" (one sheet per sector), plus their Responsabili table.
// Run once from the repository root (`node scripts/build-example.js`) and commit the xlsx.
"use strict";
const path = require("node:path");
const ExcelJS = require("exceljs");

// Rows copied from test/data/corpus/objectives.json (seeds 000, 001, 002); each phase is
// [label, description, incidenza, codifica, scadenza] plus [monitoraggio, raggiungimento] on monitoring sheets.
const OBJECTIVES = {
  "002-obj-001": {
    sector: "SETTORE RISORSE FINANZIARIE E TRIBUTI",
    dirigente: "Dirigente Dott. Stefano Specchia",
    letter: "A",
    title: "Implementazione contabilità analitica dell'Ente mediante utilizzo del software",
    phases: [
      ["fase 1:", "Confronto con la software house circa la funzionalità dell'applicativo e acquisizione delle modalità di caricamento dei dati", "20%", null, "30/05/2022"],
      ["fase 2:", "Identificazione dei Centri di Costo correlati con la macrostruttura organizzativa per la conseguente redazione delle tabelle sull'applicativo, previo confronto con i responsabili di Settore/Servizio Autonomo competenti", "20%", "2269, 2249, 2248, 2247, 2251, 29419, 2577, 57098, 2252, 2255, 2470, 2254, 2330", "30/06/2022"],
      ["fase 3:", "Formazione e redazione delle tabelle sull'applicativo per l'inserimento puntuale", "20%", null, "31/07/2022"],
      ["fase 4:", "Intervento puntuale sui singoli capitoli di spesa corrente (tit. I per un totale di 1.264 capitoli) e sui capitoli di entrata corrente di diretta imputazione per l'attribuzione ai centri di costo", "40%", null, "31/12/2022"],
    ],
    total: "100%",
    final: "31/12/2022",
  },
  "002-obj-002": {
    sector: "SETTORE RISORSE FINANZIARIE E TRIBUTI",
    dirigente: "Dirigente Dott. Stefano Specchia",
    letter: "B",
    title: "Riduzione tempi di definizione rimborsi e rateizzazioni",
    phases: [
      ["fase 1:", "Analisi dello stato dell'arte e realizzazione dei cambiamenti organizzativi-gestionali dell'attività di rimborso del Servizio Tributi", "30%", null, "31/03/2022"],
      ["fase 2:", "Lavorazione delle istanze di rimborso dei contribuenti con tempi superiori ai 180 gg previsti ed elaborazione delle note di risposta", "30%", null, "31/05/2022"],
      ["fase 3:", "Lavorazione dei riscontri al contribuente entro 90 giorni dalla richiesta di rimborso (IMU, TARI ) del 2022", "40%", null, "31/12/2022"],
    ],
    total: "100%",
    final: "31/12/2022",
  },
  "002-obj-003": {
    sector: "SETTORE RISORSE FINANZIARIE E TRIBUTI",
    dirigente: "Dirigente Dott. Stefano Specchia",
    letter: "C",
    title: "Attuazione della piattaforma per i pagamenti elettronici PagoPA e semplificazione del processo di regolarizzazione degli incassi",
    phases: [
      ["fase 1:", "Ricognizione dei provvisori e condivisione del metodo necessario agli uffici per la rendicontazione PagoPA", "25%", null, "28/02/2022"],
      ["fase 2:", "Integrazione nel sistema PagoPA dei Servizi non ancora censiti e collegati ad un singolo capitolo d'entrata, attraverso il software Apk", "25%", null, "30/04/2022"],
      ["fase 3:", "Emissione della TARI con PagoPA", "20%", null, "30/07/2022"],
      ["fase 4:", "Riconciliazione di tutti gli incassi PagoPA, attraverso le regolarizzazioni, nei rispettivi accertamenti di bilancio e semplificazione dei flussi di incasso per la chiusura del Conto del Tesoriere 2022", "30%", null, "31/12/2022"],
    ],
    total: "100%",
    final: "31/12/2022",
  },
  "002-obj-004": {
    sector: "SETTORE SISTEMI INFORMATIVI ED E-GOVERNMENT",
    dirigente: "Dirigente: ing. Luca Galandra",
    letter: "C",
    title: "Diffusione dei servizi pubblici digitali per Cittadini e Imprese",
    phases: [
      ["fase 1:", "Realizzazione di una chatbot che possa dialogare in maniera diretta con i cittadini e rendere più fruibili i contenuti del sito internet comunale - attivazione di test sui servizi demografici", "20%", null, "28/02/2022"],
      ["fase 2:", "Realizzazione di una chatbot che possa dialogare in maniera diretta con i cittadini e rendere più fruibili i contenuti del sito internet comunale - estensione delle funzionalità a tutti i contenuti disponibili", "30%", "2269 - 2247 - 57098", "30/09/2022"],
      ["fase 3:", "Installazione di un nuovo centralino telefonico con risponditore automatico e albero di navigazione dei contenuti", "40%", null, "30/09/2022"],
      ["fase 4:", "Aggiornamento del piano triennale ICT del Comune di Alessandria e del conseguente piano operativo annuale", "10%", null, "31/12/2022"],
    ],
    total: "100%",
    final: "31/12/2022",
  },
  "002-obj-005": {
    sector: "SERVIZIO AUTONOMO POLIZIA LOCALE",
    dirigente: "Responsabile in P.O. Comandante Vicario Alberto Fabrizio Bassani",
    letter: "B",
    title: "Disciplina organizzativa dell'attività degli Ispettori Ambientali",
    phases: [
      ["fase 1:", "Esperire incontri con AMAG AMBIENTE e con il Settore dell'Ente Referente per le Risorse Umane al fine di definire l'organico necessario, ad oggi in distacco funzionale presso il Comando di PM, per definire al meglio l'inquadramento per queste figure professionali, anche attraverso istituti più adeguati", "20%", "AMAG AMBIENTE SPA / 2251", "30/06/2022"],
      ["fase 2:", "Predisposizione bozza di disciplina organizzativa dell'attività degli Ispettori Ambientali", "60%", null, "31/08/2022"],
      ["fase 3:", "collaborazione con Servizio Ambiente per revisione della bozza di disciplina predisposta", "10%", "2254", "30/09/2022"],
      ["fase 4:", "Predisposizione proposta di deliberazione alla Giunta comunale per approvazione disciplina organizzativa, previo assenso dell'Assessore competente", "10%", null, "31/12/2022"],
    ],
    total: "100%",
    final: "31/12/2022",
  },
  "002-obj-006": {
    sector: "SETTORE TRASPARENZA, POLITICHE EDUCATIVE, CULTURALI E BIBLIOTECA",
    dirigente: "Dirigente: Dott.ssa Orietta Bocchio",
    letter: "C",
    title: "Costituzione del Polo Etnografico di Alessandria",
    phases: [
      ["fase 1:", "Avvio catalogazione ed etichettatura e avvio incontri preliminari per la redazione del protocollo d'intesa", "25%", null, "31/05/2022"],
      ["fase 2:", "Verifica etichettatura e stipula protocollo d'intesa", "25%", null, "30/06/2022"],
      ["fase 3:", "Adesione rete SBN Regione Piemonte TOO", "25%", null, "31/07/2022"],
      ["fase 4:", "Versamento nel catalogo Librinlinea Regione Piemonte", "25%", null, "31/12/2022"],
    ],
    total: "100%",
    final: "31/12/2022",
  },
  "002-obj-007": {
    sector: "SETTORE TRASPARENZA, POLITICHE EDUCATIVE, CULTURALI E BIBLIOTECA",
    dirigente: "Dirigente: Dott.ssa Orietta Bocchio",
    letter: "D",
    title: "Progetto Pedibus: Nidi e Scuola Infanzia al Giardino Botanico, in Biblioteca e al Parco Isola delle Sensazioni",
    phases: [
      ["fase 1:", "Organizzazione e preparazione del progetto", "40%", null, "24/05/2022"],
      ["fase 2:", "Pubblicizzazione progetto", "10%", null, "31/05/2022"],
      ["fase 3:", "Coinvolgimento e collaborazione con il Personale Educativo e non", "25%", null, "31/05/2022"],
      ["fase 4:", "Realizzazione del progetto nel periodo previsto (giugno)", "20%", "2247", "30/06/2022"],
      ["fase 5:", "Verifica grado di soddisfacimento delle famiglie", "5%", null, "30/06/2022"],
    ],
    total: "100%",
    final: "30/06/2022",
  },
  "000-obj-004": {
    sector: "SERVIZIO AUTONOMO AVVOCATURA",
    dirigente: "Responsabile in P.O. Avv. Roberto Calcagni",
    letter: "A",
    title: "Recupero crediti dell'Ente attraverso pratiche stragiudiziali e giudiziali attive - II annualità",
    phases: [
      ["fase 1:", "verifica sussistenza credito", "10%", null, "in corso d'anno"],
      ["fase 2:", "studio e monitoraggio degli atti strategici da adottare", "30%", null, "in corso d'anno"],
      ["fase 3:", "instaurazione, in caso di inottemperanza, del giudizio o della fase esecutiva in caso di credito giudiziale", "60%", null, "in corso d'anno"],
    ],
    total: "100%",
    final: "31/12/2022",
  },
  "000-obj-006": {
    sector: "SERVIZIO AUTONOMO POLIZIA LOCALE",
    dirigente: "Responsabile in P.O. Comandante Vicario Alberto Fabrizio Bassani",
    letter: "A",
    title: "Disciplina organizzativa dell'attività degli Ispettori Ambientali",
    phases: [
      ["fase 1:", "Esperire incontri con AMAG AMBIENTE e con il Settore dell’Ente Referente per le Risorse Umane al fine di definire l’organico necessario, ad oggi in distacco funzionale presso il Comando di PM, per definire al meglio l’inquadramento per queste figure professionali, anche attraverso istituti più adeguati", "20%", "AMAG AMBIENTE SPA / 2251", "30/06/2022"],
      ["fase 2:", "Predisposizione bozza di disciplina organizzativa dell’attività degli Ispettori Ambientali", "60%", null, "31/08/2022"],
      ["fase 3:", "collaborazione con Servizio Ambiente per revisione della bozza di disciplina predisposta", "10%", "2254", "30/09/2022"],
      ["fase 4:", "Predisposizione proposta di deliberazione alla Giunta comunale per approvazione disciplina organizzativa, previo assenso dell'Assessore competente", "10%", null, "31/12/2022"],
    ],
    total: "100%",
    final: "31/12/2022",
  },
  "000-obj-009": {
    sector: "SERVIZIO AUTONOMO RISORSE UMANE",
    dirigente: "Responsabile in P.O.: dott.ssa Cinzia Maria Ines Colla (sino al 10/08/2022; dal 11/08/2022: dirigente ad interim)",
    letter: "B",
    title: "Sistema della Performance per il personale dei livelli",
    phases: [
      ["fase 1:", "Analisi del contesto", "25%", "2245, 2577", "30/04/2022"],
      ["fase 2:", "Elaborazione proposta", "35%", "2245, 2577", "31/08/2022"],
      ["fase 3:", "relazioni sindacali", "35%", "2245", "30/09/2021"],
      ["fase: 4", "adozione atto finale", "5%", "2245", "30/11/2022"],
    ],
    total: "100%",
    final: "30/11/2022",
  },
  "000-obj-010": {
    sector: "SERVIZIO AUTONOMO RISORSE UMANE",
    dirigente: "Responsabile in P.O.: dott.ssa Cinzia Maria Ines Colla (sino al 10/08/2022; dal 11/08/2022: dirigente ad interim)",
    letter: "C",
    title: "Definizione modalità di accesso ai tirocini formativi e alternanza scuola lavoro",
    phases: [
      ["fase 1:", "analisi del contesto", "30%", null, "31/03/2022"],
      ["fase 2:", "elaborazioni proposte", "40%", null, "30/06/2022"],
      ["fase 3:", "approvazione - modulistica", "30%", null, "31/10/2022"],
    ],
    total: "100%",
    final: "30/10/2022",
  },
  "000-obj-037": {
    sector: "SETTORE URBANISTICA E PATRIMONIO",
    dirigente: "Dirigente: Arch. Pierfranco Robotti",
    letter: "B",
    title: "Redazione Regolamento di Funzionamento della Commissione Locale per il Paesaggio",
    // One merged Incidenza cell (90%) shared by fasi 1 a)-1 c), as in the seed.
    mergedWeightRows: 3,
    phases: [
      ["fase 1 a)", "Redazione del Regolamento", "90%", null, "15/11/2022"],
      ["fase 1 b)", "Riunioni con i rappresentanti dei Comuni associati per la presentazione del Regolamento per eventuali osservazioni", null, null, "15/11/2022"],
      ["fase 1 c)", "Proposizione alla Giunta Comunale per l'approvazione della proposta di Regolamento", null, null, "15/11/2022"],
      ["fase 2", "Proposizione di deliberazione al Consiglio Comunale per l'approvazione del Regolamento e comunicazione ai Comuni coinvolti per la ratifica conclusiva del procedimento", "10%", null, "30/11/2022"],
    ],
    total: "100%",
    final: "30/11/2022",
  },
  "001-obj-002": {
    sector: "SETTORE POLITICHE DI SVILUPPO, INNOVAZIONE, SPORT E TEMPO LIBERO",
    dirigente: "Dirigente: Ing. Luca Galandra",
    letter: "B",
    title: "Progetto PNRR per la realizzazione della Piattaforma Notifiche Digitali (PND)",
    phases: [
      ["fase 1:", "Contrattualizzazione dei fornitori", "25%", null, "Conclusa", null, null],
      ["fase 2:", "Realizzazione Integrazione processi di notifica con PND", "40%", null, "31/03/2024", "OK (in collaborazione con Comandante Bassani)", "Fase completata in data 13/12/2023 come evidenziato nella piattaforma PADigitale2026"],
      ["fase 3:", "Validazione realizzazione da parte di Agid", "20%", null, "30/09/2024", "OK", "Fase completata in data 12/02/2024. A fronte dell'asseverazione positiva comunicata con e-mail del 12/02/2024 è stato possibile inoltrare la Domanda di finanziamento al Dipartimento per la Trasformazione Digitale in data 09/05/2024 - comunicazione protocollo Entrata n.42957 del 09/05/2024"],
      ["fase 4:", "Incasso del Finanziamento", "15%", null, "28/02/2025", "OK", "Fase completata in data 16/05/2024 con comunicazione di avvenuta Liquidazione del finanziamento da parte del Dipartimento per la Trasformazione Digitale - protocollo Entrata n.45639 del 16/05/2024"],
    ],
    total: "100%",
    final: "28/02/2025",
    monitoring: "30/09/2024",
    achievement: "RAGGIUNTO 16/5/2024",
  },
  "001-obj-004": {
    sector: "SETTORE POLITICHE DI SVILUPPO, INNOVAZIONE, SPORT E TEMPO LIBERO",
    dirigente: "Dirigente: Ing. Luca Galandra",
    letter: "D",
    title: "Progetto PNRR per l’Adozione dell’APP IO",
    phases: [
      ["fase 1:", "Contrattualizzazione dei fornitori", "25%", null, "Conclusa", null, null],
      ["fase 2:", "Realizzazione Integrazione", "40%", null, "Conclusa", null, null],
      ["fase 3:", "Validazione realizzazione da parte di Agid", "20%", null, "31/01/2024 ma già conclusa nel 2023", null, null],
      ["fase 4:", "Incasso del Finanziamento", "15%", null, "31/07/2024", "OK", "Fase completata in data 26/06/2024 con comunicazione di avvenuta Liquidazione del finanziamento da parte del Dipartimento per la Trasformazione Digitale - protocollo Entrata n.60556 del 26/06/2024"],
    ],
    total: "100%",
    final: "31/07/2024",
    monitoring: "30/09/2024",
    achievement: null,
  },
  "001-obj-011": {
    sector: "SETTORE POLITICHE DI SVILUPPO, INNOVAZIONE, SPORT E TEMPO LIBERO",
    dirigente: "Dirigente: Ing. Luca Galandra",
    letter: "M",
    title: "Riduzione della spesa di gestione dei servizi informatici e di Telecomunicazioni",
    phases: [
      ["fase 1:", "Razionalizzazione dei contratti in capo a CSI Piemonte per l’anno 2024 per manmtenerli al di sotto della soglia di euro 250.000,00.", "30%", null, "31/12/2024", "OK", "al 30/09/2024 gli affidamenti a CSI Piemonte nell'anno 2024 risultano pari ad € 66,057,95 ampiamente sotto la soglia di allarme"],
      ["fase 2:", "Adesione alla nuova Convenzione Consip di Telefonia Mobile", "40%", null, "31/07/2024", null, "Fase in ritardo in quanto sono subentrati problemi nell'approvvigionamento degli smatphone. In ogni caso il ritardo non pregiudica l'obiettivo finale di contenimento della spesa che risulta comunque ampiamente sotto controllo"],
      ["fase 3:", "Revisione dei contratti con i fornitori di servizi di telefonia fissa e telecomunicazione a fronte de nuove convenzioni messe a disposizione da Consip e/o altri soggetti aggregatori", "30%", null, "31/12/2024", null, null],
    ],
    total: "100%",
    final: "31/12/2024",
    monitoring: "30/09/2024",
    achievement: null,
  },
  "001-obj-013": {
    sector: "SETTORE POLITICHE DI SVILUPPO, INNOVAZIONE, SPORT E TEMPO LIBERO",
    dirigente: "Dirigente: Ing. Luca Galandra",
    letter: "O",
    title: "Progetti della Coesione territoriale del Bacino del Tanaro",
    phases: [
      ["fase 1:", "Realizzazione del progetto \"Coesione territoriale\": Ciclovie e \"green belt\" finanziato sul bando \"Grandi bandi\" della Fondazione CRAL", "35%", null, "08/09/2024", null, "Fase in ritardo in quanto rispetto alla scadenza prevista anche se la Fondazione CRAL ha concesso una proroga dei tempi fino al 31/12/2024. Seguirà richiesta di rimodulazione dell'obiettivo"],
      ["fase 2:", "Potenziamento sito web per divulgare le azioni delle progettualità legata alla Coesione territoriale del Bacino del Tanaro", "30%", null, "30/09/2024", "OK", "Fase completata grazie al costante aggiornamento della sezione dedicata https://www.comune.alessandria.it/coesione-territoriale-bacino-del-tanaro"],
      ["fase 3:", "Candidatura di almeno un progetto per la valorizzazione del territorio della Coesione", "35%", null, "31/12/2024", "OK", "Fase completata 27/03/2024 grazie alla candidatura al Bando PR FESR 2021-2027 Piemonta in bici (deliberazione di Giunta n. 68)"],
    ],
    total: "100%",
    final: "31/12/2024",
    monitoring: "30/09/2024",
    achievement: null,
  },
};

// test/data/corpus/responsabili.json (seed 002, macrostruttura in vigore dal 01.04.2021).
const RESPONSABILI_TITLE = "Elenco Responsabili (Macrostruttura in vigore dal 01.04.2021)";
const RESPONSABILI = [
  ["2269", "RESPONSABILE SETTORE GABINETTO DEL SINDACO, SEGRETERIE PARTICOLARI, SOGGETTI PARTECIPATI, CERIMONIALE, AFFARI GENERALI E DISABILITY MANAGER"],
  ["2249", "RESPONSABILE SETTORE SISTEMI INFORMATIVI ED E-GOVERNMENT"],
  ["2248", "RESPONSABILE SERVIZIO AUTONOMO AVVOCATURA"],
  ["2247", "RESPONSABILE SERVIZIO AUTONOMO POLIZIA LOCALE"],
  ["2251", "RESPONSABILE SERVIZIO AUTONOMO RISORSE UMANE"],
  ["29419", "RESPONSABILE SERVIZIO AUTONOMO GARE, APPALTI E CONTRATTI"],
  ["2577", "RESPONSABILE SERVIZIO AUTONOMO PROGRAMMAZIONE E CONTROLLO"],
  ["22560", "RESPONSABILE AREA AMMINISTRATIVA CONTABILE"],
  ["57098", "RESPONSABILE SETTORE UFFICIO STAMPA, CULTURA E PROMOZIONE DELLA CITTA', MARKETING TERRITORIALE"],
  ["2252", "RESPONSABILE SETTORE TRASPARENZA, POLITICHE EDUCATIVE, CULTURALI E BIBLIOTECA"],
  ["2250", "RESPONSABILE SETTORE RISORSE FINANZIARIE E TRIBUTI"],
  ["22550", "RESPONSABILE AREA TECNICA"],
  ["2255", "RESPONSABILE SETTORE URBANISTICA E PATRIMONIO"],
  ["2470", "RESPONSABILE SETTORE LAVORI PUBBLICI, INFRASTRUTTURE E SMART CITY"],
  ["2254", "RESPONSABILE SETTORE SVILUPPO ECONOMICO, SANITA', AMBIENTE, MOBILITA', PROTEZIONE CIVILE, COMMERCIO E TURISMO"],
  ["2330", "SERVIZIO AUTONOMO PREVENZIONE E PROTEZIONE"],
  ["2245", "SEGRETARIO GENERALE"],
  ["12224", "UFFICIO AUTONOMO DPO"],
];

const OUT = path.join(__dirname, "..", "examples", "obiettivi-2022.xlsx");
const BORDER = { style: "thin", color: { argb: "FF808080" } };
const BOX = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };
const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const WRAP = { wrapText: true, vertical: "top" };
const FINAL_LABEL = "Scadenza finale per il raggiungimento dell'obiettivo:";

/** "30/05/2022" -> a UTC Date (a real date cell); other text stays text. */
function dateOrText(raw) {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw || "");
  return m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : raw;
}

/** "20%" -> 0.2 shown as 0% (most sheets) or kept as the text "20%" (asText). */
function weight(raw, asText) {
  if (raw === null || asText) return raw;
  return Number(raw.replace("%", "").replace(",", ".")) / 100;
}

/** A lone code is typed as a number, as Excel users do; lists stay text. */
function codifica(raw) {
  return raw && /^\d+$/.test(raw) ? Number(raw) : raw;
}

function setCell(ws, row, col, value, style = {}) {
  const cell = ws.getCell(row, col);
  cell.value = value === undefined ? null : value;
  if (value instanceof Date) style = { ...style, numFmt: "dd/mm/yyyy" };
  cell.style = { border: BOX, alignment: WRAP, ...style };
  return cell;
}

/** Tall enough for its wrapped text: exceljs stores no automatic heights. */
function fitHeight(ws, row) {
  let lines = 1;
  ws.getRow(row).eachCell((cell, col) => {
    const width = ws.getColumn(col).width || 10;
    const text = typeof cell.value === "string" ? cell.value : "";
    const needed = text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil((part.length * 1.1) / width)), 0);
    lines = Math.max(lines, needed);
  });
  ws.getRow(row).height = 15 * lines;
}

/**
 * Writes one objective block from `row`; returns the next free row.
 * layout.labelColumn: label in column A (seed 002) or at the start of the Descrizione cell (seed 000).
 * layout.monitoring: the 2024 monitoring columns of seed 001.
 */
function writeBlock(ws, row, obj, layout) {
  const cols = layout.monitoring
    ? ["", "Descrizione", "Incidenza %", `Monitoraggio al ${obj.monitoring}`, "Scadenze previste", "Raggiungimento Obiettivo"]
    : layout.labelColumn
      ? ["", "Descrizione", "Incidenza %", "Codifica Responsabili coinvolti", "Scadenze previste"]
      : ["Descrizione", "Incidenza %", "Codifica Responsabili coinvolti", "Scadenze previste"];
  const col = (name) => cols.indexOf(name) + 1;
  const cDesc = col("Descrizione");
  const cWeight = col("Incidenza %");
  const cDeadline = col("Scadenze previste");
  const cCodes = col("Codifica Responsabili coinvolti");

  ws.getCell(row, 1).value = obj.sector;
  ws.getCell(row, 1).font = { bold: true, size: 12 };
  ws.getCell(row + 1, 1).value = obj.dirigente;
  ws.getCell(row + 1, 1).font = { italic: true };
  ws.getCell(row + 3, 1).value = `Obiettivo ${obj.letter}: ${obj.title}`;
  ws.getCell(row + 3, 1).font = { bold: true };
  row += 5;

  cols.forEach((text, i) => setCell(ws, row, i + 1, text || null, { font: { bold: true }, fill: HEADER_FILL }));
  ws.getRow(row).height = 30;
  row++;

  const firstPhaseRow = row;
  for (const [label, description, incidenza, codes, deadline, monitoraggio, raggiungimento] of obj.phases) {
    if (layout.labelColumn) {
      setCell(ws, row, 1, label, { font: { bold: true } });
      setCell(ws, row, cDesc, description);
    } else {
      setCell(ws, row, cDesc, `${label} ${description}`);
    }
    setCell(ws, row, cWeight, weight(incidenza, layout.textWeights), { numFmt: "0%", alignment: { vertical: "top", horizontal: "center" } });
    if (cCodes) setCell(ws, row, cCodes, codifica(codes));
    setCell(ws, row, cDeadline, dateOrText(deadline), { alignment: { ...WRAP, horizontal: "center" } });
    if (layout.monitoring) {
      setCell(ws, row, col(cols[3]), monitoraggio);
      setCell(ws, row, col("Raggiungimento Obiettivo"), raggiungimento);
    }
    fitHeight(ws, row);
    row++;
  }
  if (obj.mergedWeightRows) ws.mergeCells(firstPhaseRow, cWeight, firstPhaseRow + obj.mergedWeightRows - 1, cWeight);

  // Seed 002's Trasparenza sheets and 000-obj-009 print the total on the final-deadline row.
  if (!obj.totalOnFinalRow) {
    setCell(ws, row, cDesc, "Totale", { font: { bold: true }, alignment: { horizontal: "right" } });
    setCell(ws, row, cWeight, weight(obj.total, layout.textWeights), { numFmt: "0%", font: { bold: true }, alignment: { horizontal: "center" } });
    row++;
  }
  ws.getCell(row, 1).value = FINAL_LABEL;
  ws.getCell(row, 1).font = { bold: true };
  if (cDesc > 1) ws.mergeCells(row, 1, row, cDesc);
  if (obj.totalOnFinalRow) ws.getCell(row, cWeight).value = weight(obj.total, layout.textWeights);
  ws.getCell(row, cWeight).numFmt = "0%";
  const final = ws.getCell(row, cDeadline);
  final.value = dateOrText(obj.final);
  final.style = { font: { bold: true }, numFmt: "dd/mm/yyyy", alignment: { horizontal: "center" } };
  if (layout.monitoring && obj.achievement) setCell(ws, row, col("Raggiungimento Obiettivo"), obj.achievement, { font: { bold: true } });
  row += 2;
  ws.getCell(row, 1).value = "Obiettivo raggiunto al 100%: se tutte le fasi previste sono state espletate entro la scadenza finale";
  ws.getCell(row + 1, 1).value = "Obiettivo non raggiunto: se tutte le fasi previste non sono state espletate entro la scadenza finale";
  return row + 5;
}

function objectiveSheet(workbook, name, ids, layout) {
  const ws = workbook.addWorksheet(name, { pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = layout.monitoring
    ? [{ width: 10 }, { width: 48 }, { width: 11 }, { width: 26 }, { width: 14 }, { width: 48 }, { width: 30 }]
    : layout.labelColumn
      ? [{ width: 10 }, { width: 60 }, { width: 11 }, { width: 26 }, { width: 16 }]
      : [{ width: 66 }, { width: 11 }, { width: 26 }, { width: 16 }];
  let row = 1;
  for (const id of ids) row = writeBlock(ws, row, OBJECTIVES[id], layout);
  return ws;
}

async function main() {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Verifica PIAO (esempio)";
  workbook.created = workbook.modified = new Date(Date.UTC(2022, 0, 31));

  OBJECTIVES["002-obj-006"].totalOnFinalRow = true;
  OBJECTIVES["002-obj-007"].totalOnFinalRow = true;
  OBJECTIVES["000-obj-009"].totalOnFinalRow = true;

  objectiveSheet(workbook, "Risorse finanziarie", ["002-obj-001", "002-obj-002", "002-obj-003"], { labelColumn: true });
  objectiveSheet(workbook, "Sistemi informativi", ["002-obj-004"], { labelColumn: true, textWeights: true });
  objectiveSheet(workbook, "Polizia locale", ["002-obj-005"], { labelColumn: true });
  objectiveSheet(workbook, "Trasparenza", ["002-obj-006", "002-obj-007"], { labelColumn: true });
  objectiveSheet(workbook, "Alessandria 2022", ["000-obj-004", "000-obj-006", "000-obj-009", "000-obj-010", "000-obj-037"], {});
  const monitoring = objectiveSheet(workbook, "Monitoraggio 2024", ["001-obj-002", "001-obj-004", "001-obj-011", "001-obj-013"], { labelColumn: true, monitoring: true });

  // A note of the office right of a table, where the summary column would go: the checker must move right.
  monitoring.eachRow((row) => {
    if (row.getCell(2).value === "Adesione alla nuova Convenzione Consip di Telefonia Mobile") {
      row.getCell(7).value = "Nota dell'ufficio: sollecitata la consegna degli smartphone";
      row.getCell(7).style = { font: { italic: true, color: { argb: "FF1F4E79" } }, alignment: WRAP };
    }
  });

  const resp = workbook.addWorksheet("Responsabili");
  resp.columns = [{ width: 12 }, { width: 100 }];
  setCell(resp, 1, 1, "codifica", { font: { bold: true }, fill: HEADER_FILL });
  setCell(resp, 1, 2, RESPONSABILI_TITLE, { font: { bold: true }, fill: HEADER_FILL });
  RESPONSABILI.forEach(([code, description], i) => {
    setCell(resp, i + 2, 1, Number(code), { alignment: { horizontal: "left" } });
    setCell(resp, i + 2, 2, description);
  });

  await workbook.xlsx.writeFile(OUT);
  console.log(`scritto ${path.relative(process.cwd(), OUT)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
