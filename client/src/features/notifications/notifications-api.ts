/** The notification routes, typed by the shared DTOs. */
import type { NotificationPageDto, NotificationSettingsDto, NotificationSettingsInput } from "../../../../common/notifications.ts";
import { api } from "../../api/http.ts";

export interface ReadResult {
  marked: number;
  unread: number;
}

export const notificationsApi = {
  page(opts: { unreadOnly?: boolean; before?: string | null; limit?: number } = {}): Promise<NotificationPageDto> {
    const q = new URLSearchParams();
    if (opts.unreadOnly) q.set("unread", "true");
    if (opts.before) q.set("before", opts.before);
    if (opts.limit) q.set("limit", String(opts.limit));
    const query = q.toString();
    return api.get<NotificationPageDto>(`/notifications${query ? `?${query}` : ""}`);
  },
  markRead: (ids: string[]) => api.post<ReadResult>("/notifications/read", { ids }),
  markAllRead: () => api.post<ReadResult>("/notifications/read-all", {}),
  settings: () => api.get<{ settings: NotificationSettingsDto }>("/me/notification-settings"),
  saveSettings: (settings: NotificationSettingsInput) => api.put<{ settings: NotificationSettingsDto }>("/me/notification-settings", settings),
};
