// The language switch of the page header (docs/conf.py, _language_switch) opens the other edition of this
// page in the same tab: the theme gives every header link target="_blank".
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("a.btn-language-switch").forEach((link) => link.removeAttribute("target"));
});
