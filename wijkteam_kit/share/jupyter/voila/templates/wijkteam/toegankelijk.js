/* wijkteam-kit: what ipywidgets 8 does not give a keyboard or a screen reader (included by index.html.j2).

   1. The app inside the page's <main> landmark (Voila's lab shell attaches itself to <body>).
   2. Choice buttons (ipywidgets ToggleButtons: the ZRM levels, the ladder, answers, circles) are a radio group:
      role radiogroup/radio, aria-checked, one tab stop, arrow keys, Home and End; Space or Enter chooses.
      A Python `widget.focus()` on such a group focuses its chosen (or first) option.
   3. A widget with the class wk-focusdoel takes the focus when the focus fell to the page because the control
      that had it went away (a new page of the app): "Begin met scoren" lands on the level buttons.
      A busy button (wk-bezig, see ui/common/bezig.py) instead gets the focus back when its action is done.
      A button pressed right after typing waits until the typed text can have reached the kernel (HOLD_MS).
   4. A field without a visible label gets an aria-label: its tooltip from Python, else the text of the label
      just above it (the kit's "label over field" pattern), else its placeholder. So does a slider's handle
      (its description, else the label just before it, as in the team's target profile), and it tells its
      value as the slider shows it (aria-valuetext from the readout, not the position number).
   5. A widget with the class wk-focus-nu takes the focus once, when it is first drawn (the ZRM result, the first
      open question of a new page of the competence scan). With the class wk-focus-zacht as well it only takes a
      focus that is on the page (it never pulls the focus out of a field someone is typing in), and it does so
      again each time it is shown anew ("Verder gaan?" when an app opens with earlier work).
   6. When the focus falls to the page from a control of the draft panel (.wk-concept: "Verder gaan",
      "Opnieuw beginnen", "Nee, verder werken") and no wk-focusdoel is on screen, it goes back to the control
      that opened the question ("Openen", "Andere casus kiezen") when that is still there, else to the first
      control of the app after the panel: where the work starts.
   All of it is re-applied when the widgets change (a MutationObserver on elements, classes, styles and disabled,
   at most once per animation frame). */
(function () {
  "use strict";
  var scheduled = false;

  function text(el) {
    return (el && el.textContent ? el.textContent : "").replace(/\s+/g, " ").trim().replace(/:$/, "");
  }

  function labelOf(el) {
    return el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]') : null;
  }

  /* A visible label or an ARIA name. A title alone (ipywidgets' tooltip) is only a hint on hover: it is made the
     field's name below, so a screen reader reads it as the label. */
  function hasName(el) {
    if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) { return true; }
    var label = labelOf(el);
    return Boolean(label && text(label) && label.style.display !== "none");
  }

  /* The label above a widget: the kit's forms put an HTML widget with the label right before the field. */
  function labelAbove(widgetEl) {
    var prev = widgetEl && widgetEl.previousElementSibling;
    if (prev && prev.classList.contains("widget-html")) {
      var t = text(prev);
      if (t && t.length <= 250) { return t; }
    }
    return "";
  }

  function widgetOf(control) {
    var el = control.parentElement;
    while (el && !el.classList.contains("lm-Widget")) { el = el.parentElement; }
    return el;
  }

  function nameFields(root) {
    var fields = root.querySelectorAll("select, textarea, input:not([type=checkbox]):not([type=radio]):not([type=file])");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (hasName(field)) { continue; }
      var label = labelOf(field);
      var tip = label && label.getAttribute("title");
      var name = field.getAttribute("title") || (tip && tip !== "null" ? tip : "") || labelAbove(widgetOf(field))
        || field.getAttribute("placeholder");
      if (name) { field.setAttribute("aria-label", name); }
    }
  }

  function nameSliders(root) {
    var handles = root.querySelectorAll(".noUi-handle[role=slider]");
    for (var i = 0; i < handles.length; i++) {
      var handle = handles[i];
      var host = widgetOf(handle);
      while (host && !host.querySelector(":scope > .widget-label")) { host = widgetOf(host); }
      if (!host) { continue; }
      if (!handle.getAttribute("aria-label") && !handle.getAttribute("aria-labelledby")) {
        var label = host.querySelector(":scope > .widget-label");
        var tip = label.getAttribute("title");
        var name = (label.style.display !== "none" ? text(label) : "") || (tip && tip !== "null" ? tip : "") ||
          labelAbove(host);
        if (name) { handle.setAttribute("aria-label", name); }
      }
      var readout = host.querySelector(".widget-readout");
      var shown = readout ? text(readout) : "";
      if (shown && handle.getAttribute("aria-valuetext") !== shown) { handle.setAttribute("aria-valuetext", shown); }
    }
  }

  function options(group) {
    return Array.prototype.slice.call(group.querySelectorAll(":scope > button"));
  }

  function choose(group, button) {
    if (!button || button.disabled) { return; }
    if (!button.classList.contains("mod-active")) { button.click(); }
    button.focus();
  }

  function onKey(event) {
    var group = event.currentTarget;
    var buttons = options(group).filter(function (b) { return !b.disabled; });
    var at = buttons.indexOf(document.activeElement);
    if (at < 0) { return; }
    var next = null;
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": next = buttons[(at + 1) % buttons.length]; break;
      case "ArrowLeft": case "ArrowUp": next = buttons[(at - 1 + buttons.length) % buttons.length]; break;
      case "Home": next = buttons[0]; break;
      case "End": next = buttons[buttons.length - 1]; break;
      case " ": case "Enter":
        if (buttons[at].classList.contains("mod-active")) { return; }  /* Enter on the choice: the form's button */
        next = buttons[at]; break;
      default: return;
    }
    event.preventDefault();
    choose(group, next);
  }

  function radioGroups(root) {
    var hosts = root.querySelectorAll(".widget-toggle-buttons");
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      var group = host.querySelector(":scope > div");
      if (!group) { continue; }
      var buttons = options(group);
      if (!group.wkRadio) {
        group.wkRadio = true;
        group.setAttribute("role", "radiogroup");
        group.addEventListener("keydown", onKey);
        /* Python's widget.focus() focuses the widget's own element: pass it on to the chosen option. */
        host.setAttribute("tabindex", "-1");
        host.addEventListener("focus", function (event) {
          var all = options(event.currentTarget.querySelector(":scope > div")).filter(function (b) {
            return !b.disabled;
          });
          var target = all.filter(function (b) { return b.classList.contains("mod-active"); })[0] || all[0];
          if (target) { target.focus(); }
        });
      }
      var label = host.querySelector(":scope > .widget-label");
      var name = "";
      if (label) {
        name = label.style.display !== "none" ? text(label) : "";
        var tip = label.getAttribute("title");
        if (!name && tip && tip !== "null") { name = tip; }
      }
      name = name || labelAbove(host);
      if (name && group.getAttribute("aria-label") !== name) { group.setAttribute("aria-label", name); }
      var checked = null;
      buttons.forEach(function (b) {
        var on = b.classList.contains("mod-active");
        if (on) { checked = b; }
        b.setAttribute("role", "radio");
        b.setAttribute("aria-checked", on ? "true" : "false");
      });
      var stop = checked && !checked.disabled ? checked : buttons.filter(function (b) { return !b.disabled; })[0];
      buttons.forEach(function (b) { b.setAttribute("tabindex", b === stop ? "0" : "-1"); });
    }
  }

  /* An HTML widget marked wk-focusdoel can take the focus from Python (widget.focus()): a result, a new step. */
  function focusTargets(root) {
    var targets = root.querySelectorAll(".wk-focusdoel > .widget-html-content:not([tabindex])");
    for (var i = 0; i < targets.length; i++) { targets[i].setAttribute("tabindex", "-1"); }
    /* A marked field (a text field, a choice list: Casus maken's new member) passes the focus to its control. */
    var fields = root.querySelectorAll(".widget-text.wk-focus-nu, .widget-textarea.wk-focus-nu, " +
      ".widget-dropdown.wk-focus-nu, .widget-text.wk-focusdoel, .widget-textarea.wk-focusdoel, " +
      ".widget-dropdown.wk-focusdoel");
    for (var j = 0; j < fields.length; j++) {
      if (fields[j].wkFocusInside) { continue; }
      fields[j].wkFocusInside = true;
      fields[j].setAttribute("tabindex", "-1");
      fields[j].addEventListener("focus", function (event) {
        var control = event.currentTarget.querySelector("input, textarea, select");
        if (control) { control.focus(); }
      });
    }
  }

  /* Focus that falls to the page (the button pressed was removed or became disabled, as "Begin met scoren" and
     "Volgende" at the last step) goes to what comes next: the first visible wk-focusdoel. */
  var lastFocus = null;
  var beforeQuestion = null;  /* 6. the control that had the focus when the draft's question took it */
  document.addEventListener("focusin", function (event) {
    var into = event.target.closest && event.target.closest(".wk-concept-vraag");
    if (into && lastFocus && !(lastFocus.closest && lastFocus.closest(".wk-concept-vraag"))) {
      beforeQuestion = lastFocus;
    }
    lastFocus = event.target;
  });

  function visible(el) { return el.getClientRects().length > 0; }

  function focusLost() {
    var active = document.activeElement;
    if (active && active !== document.body) { return false; }
    return lastFocus !== null && (!lastFocus.isConnected || lastFocus.disabled || !visible(lastFocus));
  }

  /* A busy button (class wk-bezig, disabled while its action runs: "Maak verslag") keeps the focus: it gets it
     back when it is enabled again, unless something else took the focus meanwhile. */
  var waitingFor = null;
  document.addEventListener("focusout", function (event) {
    var el = event.target;  /* noted at once: a quick action may be over before the script runs again */
    if (el && el.classList && el.classList.contains("wk-bezig") && !event.relatedTarget) { waitingFor = el; }
    if (!event.relatedTarget) { schedule(); }  /* the focus may fall to the page after the last change */
  }, true);

  function busyBack() {
    var active = document.activeElement;
    if (active && active !== document.body) { waitingFor = null; return true; }
    if (!waitingFor.isConnected || !visible(waitingFor)) { waitingFor = null; return false; }
    if (!waitingFor.disabled && !waitingFor.classList.contains("wk-bezig")) {
      waitingFor.focus();
      lastFocus = document.activeElement;
      waitingFor = null;
    }
    return true;
  }

  function moveOn(root) {
    if (waitingFor && busyBack()) { return; }
    if (!focusLost()) { return; }
    if (lastFocus.isConnected && lastFocus.classList.contains("wk-bezig")) {
      waitingFor = lastFocus;
      return;
    }
    var targets = root.querySelectorAll(".wk-focusdoel");
    for (var i = 0; i < targets.length; i++) {
      if (!visible(targets[i])) { continue; }
      var content = targets[i].querySelector(":scope > .widget-html-content");
      (content || targets[i]).focus();
      lastFocus = document.activeElement;
      return;
    }
    afterDraftPanel();
  }

  var TABBABLE = "button:not([disabled]), select:not([disabled]), textarea:not([disabled]), " +
    "input:not([disabled]):not([type=hidden]), a[href], [tabindex='0']";

  /* 6. The draft panel's answer was chosen (its button is hidden now): on to where the work starts. */
  function afterDraftPanel() {
    var panel = lastFocus && lastFocus.isConnected ? lastFocus.closest(".wk-concept") : null;
    var app = panel ? panel.closest(".wk-app") : null;
    if (!app) { return; }
    var back = beforeQuestion;
    beforeQuestion = null;
    if (back && lastFocus.closest(".wk-concept-vraag") && back.isConnected && visible(back) && !back.disabled) {
      back.focus();
      lastFocus = document.activeElement;
      return;
    }
    var controls = app.querySelectorAll(TABBABLE);
    for (var i = 0; i < controls.length; i++) {
      var el = controls[i];
      if (panel.contains(el) || !visible(el) || !(panel.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        continue;
      }
      el.focus();
      lastFocus = document.activeElement;
      return;
    }
  }

  /* A widget marked wk-focus-nu takes the focus once, as soon as it is on screen: a Python widget.focus() that
     arrives before the browser has drawn the widget is otherwise lost (on a busy server it often is). */
  var focusNowEl = null;
  var focusNowAt = 0;

  function focusNow(root) {
    var shownBefore = root.querySelectorAll(".wk-focus-zacht[data-wk-gefocust]");
    for (var j = 0; j < shownBefore.length; j++) {  /* hidden again: it may take the focus when shown anew */
      if (!visible(shownBefore[j])) { shownBefore[j].removeAttribute("data-wk-gefocust"); }
    }
    var wanted = root.querySelectorAll(".wk-focus-nu:not([data-wk-gefocust])");
    for (var i = 0; i < wanted.length; i++) {
      if (!visible(wanted[i])) { continue; }
      wanted[i].setAttribute("data-wk-gefocust", "ja");
      var active = document.activeElement;
      if (wanted[i].classList.contains("wk-focus-zacht") && active && active !== document.body) { continue; }
      var content = wanted[i].querySelector(":scope > .widget-html-content");
      focusNowEl = content || wanted[i];
      focusNowAt = Date.now();
      focusNowEl.focus();
      lastFocus = document.activeElement;
      return true;
    }
    /* The widgets around it may be laid out again just after (a box re-attaches its children): the browser then
       drops the focus to the page. Within a few seconds, give it back. */
    if (focusNowEl && lastFocus === focusNowEl && document.activeElement === document.body &&
        Date.now() - focusNowAt < 5000 &&
        focusNowEl.isConnected && visible(focusNowEl)) {
      focusNowEl.focus();
      lastFocus = document.activeElement;
      return true;
    }
    return false;
  }

  /* A button pressed right after typing waits a moment (HOLD_MS after the last key): ipywidgets sends typed
     text in batches, one at a time, but a click at once, so "Kim" typed and Tab, Enter at speed reached the
     kernel as "K" after the click. The held click is given again when the text has had time to arrive. */
  var HOLD_MS = 600;
  var lastTyped = 0;
  var passing = false;
  document.addEventListener("input", function (event) {
    if (event.target && event.target.matches && event.target.matches("input, textarea")) { lastTyped = Date.now(); }
  }, true);
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("button.widget-button") : null;  /* a Button, not a choice */
    var wait = lastTyped + HOLD_MS - Date.now();
    if (!button || passing || wait <= 0) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    window.setTimeout(function () {
      if (!button.isConnected || button.disabled) { return; }
      passing = true;
      try { button.click(); } finally { passing = false; }
    }, wait);
  }, true);

  function inMain() {
    var main = document.getElementById("wk-pagina");
    var shell = document.getElementById("main");
    if (main && shell && shell.classList.contains("jp-LabShell") && shell.parentElement !== main) {
      main.appendChild(shell);
    }
  }

  function apply() {
    scheduled = false;
    inMain();
    nameFields(document);
    nameSliders(document);
    radioGroups(document);
    focusTargets(document);
    if (!focusNow(document)) { moveOn(document); }
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(apply);
    }
  }

  /* "style" too: a widget shown by its layout (display) changes only its style, and a wk-focusdoel that becomes
     visible that way after the focus fell to the page must still get it (the ZRM ladder after the last domain). */
  /* The browser drops the focus of a control that was hidden at its next rendering, after this frame's apply():
     look again then (rules 3, 5 and 6). */
  document.addEventListener("focusout", function (event) { if (!event.relatedTarget) { schedule(); } });
  new MutationObserver(schedule).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["class", "disabled", "style"]
  });
  schedule();
})();
