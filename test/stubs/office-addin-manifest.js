// office-addin-mock needs only this enum from office-addin-manifest, whose ESM-only dependency
// cannot load under Jest on Node 20 (see docs/toolchain.md).
module.exports = {
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
};
