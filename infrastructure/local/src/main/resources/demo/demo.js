// The resident demo: a person plays a phone against the real resident API of the local stack.
// All text from the API is put on the page with textContent (never innerHTML), so it is always shown as text.
'use strict';

(function () {
  const state = { deviceId: null, secret: null, token: null, tenants: [], nextCursor: null };
  const $ = (id) => document.getElementById(id);

  function show(message, isError) {
    const status = $('status');
    status.textContent = message;
    status.className = isError ? 'error' : '';
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (state.secret && path.startsWith('/v1/devices/')) headers.Authorization = 'Bearer ' + state.secret;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const details = data && data.errors ? ' (' + data.errors.map((e) => e.field + ': ' + e.message).join('; ') + ')' : '';
      throw new Error((data && data.detail ? data.detail : 'HTTP ' + response.status) + details);
    }
    return data;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function checkbox(container, name, value, label) {
    const wrapper = element('span');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = name;
    input.value = value;
    input.id = name + '-' + value;
    const text = element('label', label);
    text.htmlFor = input.id;
    wrapper.append(input, text);
    container.append(wrapper);
  }

  function remember() {
    sessionStorage.setItem('nabolag-demo', JSON.stringify({ deviceId: state.deviceId, secret: state.secret, token: state.token }));
  }

  function showDevice() {
    const registered = Boolean(state.deviceId);
    $('register').hidden = registered;
    $('platform').disabled = registered;
    $('device').hidden = !registered;
    $('choices').hidden = !registered;
    $('feed-section').hidden = !registered;
    $('pushes-section').hidden = !registered;
    $('device-id').textContent = state.deviceId || '';
    $('push-token').textContent = state.token || '';
  }

  async function loadCatalog() {
    state.tenants = await api('GET', '/v1/tenants');
    const select = $('tenant');
    const chosen = select.value || 'oslo';
    select.replaceChildren();
    state.tenants.forEach((t) => {
      const option = element('option', t.name);
      option.value = t.tenantId;
      select.append(option);
    });
    select.value = state.tenants.some((t) => t.tenantId === chosen) ? chosen : (state.tenants[0] || {}).tenantId;
    await loadTenant();
  }

  // Districts and categories of the chosen municipality (categories belong to a tenant).
  async function loadTenant() {
    const tenant = state.tenants.find((t) => t.tenantId === $('tenant').value);
    const districts = $('districts');
    districts.replaceChildren();
    if (tenant) tenant.districts.forEach((d) => checkbox(districts, 'district', d.districtId, d.name));
    const categories = $('categories');
    categories.replaceChildren();
    if (tenant) {
      const list = await api('GET', '/v1/tenants/' + encodeURIComponent(tenant.tenantId) + '/categories?lang=' +
        encodeURIComponent($('locale').value));
      list.forEach((c) => checkbox(categories, 'category', c.categoryId, c.name));
    }
  }

  async function loadChoices() {
    const current = await api('GET', '/v1/devices/' + state.deviceId + '/subscriptions');
    const districts = new Set(current.subscriptions.map((s) => s.districtId));
    const owner = state.tenants.find((t) => t.districts.some((d) => districts.has(d.districtId)));
    if (owner && owner.tenantId !== $('tenant').value) {
      $('tenant').value = owner.tenantId;
      await loadTenant();
    }
    const categories = new Set(current.subscriptions.flatMap((s) => s.categories));
    document.querySelectorAll('input[name=district]').forEach((i) => { i.checked = districts.has(i.value); });
    document.querySelectorAll('input[name=category]').forEach((i) => { i.checked = categories.has(i.value); });
    $('quiet-on').checked = current.quietHours !== null;
    if (current.quietHours) {
      $('quiet-start').value = current.quietHours.start;
      $('quiet-end').value = current.quietHours.end;
    }
  }

  async function register(event) {
    event.preventDefault();
    try {
      // A token of the platform's shape: APNs tokens are 64 hexadecimal characters, FCM tokens URL-safe text.
      const token = $('platform').value === 'ios'
        ? Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('')
        : 'demo-' + crypto.getRandomValues(new Uint32Array(4)).join('');
      const created = await api('POST', '/v1/devices', {
        platform: $('platform').value, pushToken: token, locale: $('locale').value, timeZone: $('time-zone').value
      });
      state.deviceId = created.deviceId;
      state.secret = created.deviceSecret;
      state.token = token;
      remember();
      showDevice();
      await loadCatalog();
      show('Phone registered. Now choose what to follow.');
    } catch (e) {
      show('Could not register: ' + e.message, true);
    }
  }

  async function saveChoices(event) {
    event.preventDefault();
    const categories = [...document.querySelectorAll('input[name=category]:checked')].map((i) => i.value);
    const subscriptions = [...document.querySelectorAll('input[name=district]:checked')]
      .map((i) => ({ districtId: i.value, categories }));
    const quietHours = $('quiet-on').checked ? { start: $('quiet-start').value, end: $('quiet-end').value } : null;
    try {
      const saved = await api('PUT', '/v1/devices/' + state.deviceId + '/subscriptions', { subscriptions, quietHours });
      show('Saved: ' + saved.subscriptions.length + ' district(s).');
      await refreshFeed();
    } catch (e) {
      show('Could not save: ' + e.message, true);
    }
  }

  async function saveDevice() {
    try {
      await api('PUT', '/v1/devices/' + state.deviceId, { locale: $('locale').value, timeZone: $('time-zone').value });
      await loadCatalog();
      await loadChoices();
      show('Language and time zone saved.');
    } catch (e) {
      show('Could not save: ' + e.message, true);
    }
  }

  function renderPost(post) {
    const item = element('li');
    item.className = 'post';
    item.dataset.postId = post.postId;
    const title = element('strong', post.title, 'title');
    if (post.urgent) item.append(element('span', 'Urgent: ', 'urgent'));
    item.append(title);
    item.append(element('div', (post.organizationName || '') + ' · ' + new Date(post.publishedAt).toLocaleString(), 'meta'));
    item.append(element('p', post.body, 'body'));
    if (post.url && /^https?:\/\//.test(post.url)) {
      const link = element('a', 'Read more');
      link.href = post.url;
      link.rel = 'noopener noreferrer';
      item.append(link);
    }
    return item;
  }

  async function refreshFeed(more) {
    try {
      const cursor = more && state.nextCursor ? '&cursor=' + encodeURIComponent(state.nextCursor) : '';
      const page = await api('GET', '/v1/devices/' + state.deviceId + '/feed?limit=10' + cursor);
      const feed = $('feed');
      if (!more) feed.replaceChildren();
      page.items.forEach((post) => feed.append(renderPost(post)));
      if (!more && page.items.length === 0) feed.append(element('li', 'Nothing here yet.', 'empty'));
      state.nextCursor = page.nextCursor;
      $('more').hidden = !page.nextCursor;
    } catch (e) {
      show('Could not read the feed: ' + e.message, true);
    }
  }

  async function refreshPushes() {
    try {
      const response = await fetch('/_local/pushes', { headers: { Accept: 'application/json' } });
      const pushes = (await response.json()).filter((p) => p.token === state.token);
      const list = $('pushes');
      list.replaceChildren();
      pushes.forEach((push) => {
        const item = element('li', null, 'push');
        item.append(element('div', push.at, 'meta'));
        item.append(element('code', push.message));
        list.append(item);
      });
      if (pushes.length === 0) list.append(element('li', 'No pushes yet.', 'empty'));
    } catch (e) {
      show('Could not read pushes: ' + e.message, true);
    }
  }

  async function forget() {
    try {
      await api('DELETE', '/v1/devices/' + state.deviceId);
      state.deviceId = null;
      state.secret = null;
      state.token = null;
      sessionStorage.removeItem('nabolag-demo');
      showDevice();
      show('The phone and its choices were erased.');
    } catch (e) {
      show('Could not erase: ' + e.message, true);
    }
  }

  async function start() {
    $('register-form').addEventListener('submit', register);
    $('choices-form').addEventListener('submit', saveChoices);
    $('change-locale').addEventListener('click', saveDevice);
    $('forget').addEventListener('click', forget);
    $('refresh-feed').addEventListener('click', () => refreshFeed(false));
    $('more').addEventListener('click', () => refreshFeed(true));
    $('refresh-pushes').addEventListener('click', refreshPushes);
    $('tenant').addEventListener('change', () => loadTenant().catch((e) => show(e.message, true)));
    const saved = JSON.parse(sessionStorage.getItem('nabolag-demo') || 'null');
    if (saved && saved.deviceId) {
      Object.assign(state, saved);
      try {
        showDevice();
        await loadCatalog();
        await loadChoices();
        await refreshFeed(false);
      } catch (e) {
        sessionStorage.removeItem('nabolag-demo');
        state.deviceId = null;
        showDevice();
        show('The saved phone is gone; register again.', true);
      }
    } else {
      showDevice();
    }
    setInterval(() => { if (state.deviceId) refreshPushes(); }, 5000);
  }

  document.addEventListener('DOMContentLoaded', start);
}());
