/* The page's one state: who is signed in, the chosen signal, the job being watched, its plots. */
export const state = {
  token: sessionStorage.getItem('vitalstream-token') || '',
  registry: null, // GET /api/filtering/methods
  upload: null,
  fs: null,
  job: null, // the job being watched
  ws: null,
  shown: null, // the job whose plots are shown
  charts: [],
  responseChart: null,
  view: null,
  quality: null, // the quality timeline of the plotted window
  samples: 0,
};
