/** /w/:id/members: the members with their roles, and the invites for editors and owners. */
import { useWorkspace } from "../workspaces/workspace-context.ts";
import { InvitesPanel } from "./InvitesPanel.tsx";
import { MemberList } from "./MemberList.tsx";
import { membersById, useMembers } from "./use-members.ts";
import "./members.css";

export default function MembersPage() {
  const { workspace } = useWorkspace();
  const members = useMembers();
  return (
    <div className="members-page">
      <MemberList members={members} onChange={members.reload} />
      {workspace.abilities["invite.list"] && <InvitesPanel members={membersById(members)} />}
    </div>
  );
}
