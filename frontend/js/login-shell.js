// The login form before the web app has loaded. index.html holds the form's markup; this script
// (inlined into index.html at build time, with the form's texts from locales/ written in below)
// shows it on /login, or on / for a device where nobody is signed in, so a new user on a slow
// link can type and sign in while the WebAssembly module is still on its way. Signing in posts
// the same request as the app; the app waits for it before it starts, then takes over the form
// (what was typed, where the cursor was, the message shown) and removes it.
(function () {
  var shell = document.getElementById('login-shell');
  if (!shell) return;
  var path = location.pathname;
  var mayBeSignedIn = false;
  try { mayBeSignedIn = localStorage.getItem('ims.signed_in') === '1'; } catch (e) { /* private mode */ }
  if (!(path === '/login' || (path === '/' && !mayBeSignedIn))) {
    shell.remove();
    return;
  }
  var texts = /* texts */ null;
  var stored = null;
  try { stored = localStorage.getItem('ims.lang'); } catch (e) { /* private mode */ }
  var preferred = (stored || navigator.language || 'en').toLowerCase().split(/[-_]/)[0];
  var lang = texts[preferred] ? preferred : 'en';
  var form = shell.querySelector('form');
  var message = shell.querySelector('[data-message]');
  var submit = form.querySelector('button[type=submit]');

  function text(key) { return texts[lang][key] || texts.en[key] || ''; }
  function show(code, body) {
    var shown = text('error.' + code) || text('error.internal');
    var minutes = Math.max(1, Math.ceil(((body && body.retry_after_seconds) || 60) / 60));
    message.textContent = shown.replace('{minutes}', String(minutes));
    message.hidden = false;
    form.setAttribute('data-error-code', code);
    if (body && body.retry_after_seconds) form.setAttribute('data-retry-after', String(body.retry_after_seconds));
  }
  function render() {
    document.documentElement.lang = lang;
    shell.querySelectorAll('[data-key]').forEach(function (element) {
      element.textContent = text(element.getAttribute('data-key'));
    });
    shell.querySelectorAll('[data-lang]').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === lang));
    });
    shell.querySelector('.lang-switch').setAttribute('aria-label', text('nav.language'));
    var code = form.getAttribute('data-error-code');
    if (code) show(code, null);
  }
  shell.querySelectorAll('[data-lang]').forEach(function (button) {
    button.addEventListener('click', function () {
      lang = button.getAttribute('data-lang');
      try { localStorage.setItem('ims.lang', lang); } catch (e) { /* private mode */ }
      render();
    });
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (window.imsShellLogin) return;
    submit.disabled = true;
    submit.textContent = text('login.submitting');
    message.hidden = true;
    form.removeAttribute('data-error-code');
    var body = JSON.stringify({ username: form.username.value, password: form.password.value });
    window.imsShellLogin = fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'anonymous', 'accept-language': lang },
      body: body,
    }).then(function (response) {
      if (response.ok) {
        form.setAttribute('data-signed-in', 'true');
        submit.textContent = text('login.submitting');
        return;
      }
      return response.json().catch(function () { return { code: 'internal' }; }).then(function (failure) {
        form.password.value = '';
        show(failure.code || 'internal', failure);
        submit.disabled = false;
        submit.textContent = text('login.submit');
        window.imsShellLogin = null;
      });
    }, function () {
      show('network', null);
      submit.disabled = false;
      submit.textContent = text('login.submit');
      window.imsShellLogin = null;
    });
  });
  render();
  shell.hidden = false;
})();
