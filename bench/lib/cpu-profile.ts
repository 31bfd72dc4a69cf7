// Optional CPU profile of one stretch of the run (BENCH_CPU_PROFILE=file.cpuprofile), so a profile shows
// the measured phase alone rather than start-up and invitation making. Open it in Chrome DevTools.
import fs from "node:fs";
import inspector from "node:inspector/promises";

export async function startCpuProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => undefined;
  const session = new inspector.Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile of the saturation phase written to ${file}`);
  };
}
