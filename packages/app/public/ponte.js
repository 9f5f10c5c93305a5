// Small comforts on top of pages that work without JavaScript.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    // Move focus to the error summary so screen readers announce the problems at once.
    const summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();

    // A form whose fields depend on a `kind` select (the new-desk form): a wrapper with data-desk-kinds="a b"
    // is shown only for those kinds. Without JavaScript every field stays, its hint naming its kind. A hidden
    // field keeps what was typed but is disabled, so it is not sent; one with an error always stays in view.
    for (const wrap of document.querySelectorAll('[data-desk-kinds]')) {
      const kind = wrap.closest('form')?.querySelector('select[name="kind"]');
      if (!kind) continue;
      const kinds = wrap.dataset.deskKinds.split(' ');
      const apply = () => {
        const on = kinds.includes(kind.value) || !!wrap.querySelector('[aria-invalid="true"]');
        wrap.hidden = !on;
        for (const c of wrap.querySelectorAll('input, select, textarea')) c.disabled = !on;
      };
      kind.addEventListener('change', apply);
      apply();
    }

    // Idle warning: shown before the server ends the session; "stay" pings the server to slide the expiry.
    const body = document.body;
    const idle = Number(body.dataset.idleMinutes || 0);
    const warn = Number(body.dataset.warnMinutes || 0);
    if (!idle || !body.dataset.idleWarning) return;
    let warnTimer;
    let endTimer;
    let box;
    const schedule = () => {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warnTimer = setTimeout(showWarning, Math.max(0, (idle - warn) * 60000));
      endTimer = setTimeout(() => window.location.assign('/login?expired=1'), idle * 60000 + 2000);
    };
    const showWarning = () => {
      if (box) return;
      box = document.createElement('div');
      box.className = 'alert alert-warning idle-warning shadow';
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-live', 'assertive');
      const p = document.createElement('p');
      p.textContent = body.dataset.idleWarning;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'btn btn-primary btn-sm';
      b.textContent = body.dataset.idleStay;
      b.addEventListener('click', async () => {
        await fetch('/session/keepalive', {
          method: 'POST',
          headers: { 'x-csrf-token': body.dataset.csrf || '', 'content-type': 'application/json' },
          body: '{}',
          credentials: 'same-origin',
        });
        box.remove();
        box = undefined;
        schedule();
      });
      box.append(p, b);
      document.body.append(box);
      b.focus();
    };
    schedule();
  });
})();
