-- wrk script: POST 10 s of 500 Hz synthetic ECG to the synchronous endpoint
local samples = {}
for i = 0, 4999 do
  local t = (i / 500.0) % 0.8
  samples[#samples + 1] = string.format("%.5f", math.exp(-((t - 0.4) / 0.02) ^ 2) + 0.1 * math.sin(2 * math.pi * 50 * i / 500.0))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"signal_data":[' .. table.concat(samples, ",") .. '],"sampling_freq":500,"signal_type":"ECG"}'
