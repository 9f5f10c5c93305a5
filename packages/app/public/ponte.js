// Small comforts on top of pages that work without JavaScript.
(() => {
  document.addEventListener('DOMContentLoaded', () => {
    // Move focus to the error summary so screen readers announce the problems at once.
    const summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();

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
