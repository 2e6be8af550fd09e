// Prints VitalStream's progress messages as they arrive.
//   node --experimental-websocket bin/watch-progress.mjs [request_id] [ws://localhost:8080] [token]
// With a request_id it subscribes to that job alone and exits when the job ends.
const [id, base = 'ws://localhost:8080', token] = process.argv.slice(2);
const url = `${base}/ws/filtering-progress${token ? `?access_token=${encodeURIComponent(token)}` : ''}`;
const ws = new WebSocket(url);
ws.onopen = () => { if (id) ws.send(JSON.stringify({ subscribe: id })); };
ws.onmessage = (event) => {
  const m = JSON.parse(event.data);
  if (m.type === 'filtering_progress') {
    console.log(`${m.request_id.slice(0, 8)} ${(100 * m.progress).toFixed(1).padStart(5)} %  ${m.message}`);
  } else {
    console.log(JSON.stringify(m));
  }
  if (id && m.request_id === id && ['filtering_complete', 'filtering_error', 'filtering_cancelled'].includes(m.type)) ws.close();
};
ws.onerror = (e) => { console.error('WebSocket error', e.message ?? e); process.exitCode = 1; };
