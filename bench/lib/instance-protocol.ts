// What bench/ingest asks of an instance process over IPC, and what it answers (id 0: started, with its URL).
export type InstanceCall =
  | { type: "memory" }
  | { type: "sql"; text: string }
  | { type: "profile-start"; file: string }
  | { type: "profile-stop" }
  | { type: "cpu" }
  | { type: "logged" }
  | { type: "stop" };

export type InstanceRequest = InstanceCall & { id: number };

export type InstanceReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
