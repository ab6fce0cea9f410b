/** The webhook routes of a workspace, typed by the shared DTOs. */
import type { WebhookCreatedDto, WebhookCreateInput, WebhookDeliveryDto, WebhookDeliveryPageDto, WebhookDto } from "../../../../common/webhooks.ts";
import { api } from "../../api/http.ts";

/** What an edit may change (with the version it was made on). */
export interface WebhookChanges {
  url?: string;
  events?: string[];
  description?: string;
  active?: boolean;
}

export function webhooksApi(workspaceId: string) {
  const base = `/workspaces/${encodeURIComponent(workspaceId)}/webhooks`;
  const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
  return {
    list: () => api.get<{ webhooks: WebhookDto[] }>(base),
    create: (input: Omit<WebhookCreateInput, "workspaceId">) => api.post<WebhookCreatedDto>(base, input),
    update: (id: string, version: number, changes: WebhookChanges) => api.patch<{ webhook: WebhookDto }>(one(id), { version, ...changes }),
    remove: (id: string) => api.delete<null>(one(id)),
    deliveries: (id: string, before?: string | null) => api.get<WebhookDeliveryPageDto>(`${one(id)}/deliveries${before ? `?before=${encodeURIComponent(before)}` : ""}`),
    test: (id: string) => api.post<{ delivery: WebhookDeliveryDto }>(`${one(id)}/test`, {}),
    redeliver: (id: string, deliveryId: string) => api.post<{ delivery: WebhookDeliveryDto }>(`${one(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {}),
  };
}

export type WebhooksApi = ReturnType<typeof webhooksApi>;
