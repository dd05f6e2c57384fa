/* Every visible control of the app that is cut off (used by tests/_pagina_checks.py).
   Returns [{what, why}]: text wider than its own box, a box outside the window, or outside a panel
   (.wk-kaart, with its border) or a box that clips or scrolls sideways. */
(() => {
  const out = [];
  const vw = document.documentElement.clientWidth;
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const name = el => (el.innerText || el.value || el.getAttribute("title") || el.className || el.tagName)
    .toString().trim().replace(/\s+/g, " ").slice(0, 40);
  const controls = document.querySelectorAll(
    ".wk-app button, .wk-app select, .wk-app input, .wk-app textarea, .wk-app .lm-TabBar-tabLabel, " +
    ".wk-app label, .wk-app .widget-html-content h2, .wk-app .widget-html-content h3, .wk-app .widget-label");
  for (const el of controls) {
    if (!visible(el)) continue;
    if (el.type === "file" || el.type === "hidden") continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    // 1. its own text fits (a cut-off button or tab label scrolls inside itself)
    if (!["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) && el.scrollWidth > el.clientWidth + 1) {
      out.push({what: name(el), why: `tekst ${el.scrollWidth}px in ${el.clientWidth}px`});
      continue;
    }
    // 2. inside the window
    if (r.left < -1 || r.right > vw + 1) { out.push({what: name(el), why: `buiten venster ${Math.round(r.left)}-${Math.round(r.right)} van ${vw}`}); continue; }
    // 3. inside every ancestor that clips or is a panel (with its padding: not against the border)
    for (let p = el.parentElement; p && !p.classList.contains("wk-app"); p = p.parentElement) {
      const cs = getComputedStyle(p);
      const clips = cs.overflowX !== "visible";
      const panel = p.classList.contains("wk-kaart");
      if (!clips && !panel) continue;
      if (clips && (cs.overflowX === "auto" || cs.overflowX === "scroll") && p.scrollWidth > p.clientWidth) {
        out.push({what: name(el), why: `in schuifvak ${p.className.replace(/lm-Widget|lm-Panel|jupyter-widgets|widget-container|widget-box|widget-inline-hbox/g, "").trim().slice(0, 50)} ${p.scrollWidth}>${p.clientWidth}`}); break;
      }
      const pr = p.getBoundingClientRect();
      const bl = parseFloat(cs.borderLeftWidth), br = parseFloat(cs.borderRightWidth);
      const inset = panel ? 2 : 0;
      if (r.left < pr.left + bl + inset - 1 || r.right > pr.right - br - inset + 1) {
        out.push({what: name(el), why: `buiten ${panel ? "paneel" : "vak"} ${p.className.slice(0, 40)}: ` +
          `${Math.round(r.left)}-${Math.round(r.right)} in ${Math.round(pr.left)}-${Math.round(pr.right)}`});
        break;
      }
    }
  }
  return out;
})
