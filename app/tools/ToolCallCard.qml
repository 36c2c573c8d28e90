import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// One tool call in the conversation: folded to a line (server, tool, what
// became of it) that opens to the arguments and the result. While the call
// waits for the user it is open and asks: allow once, always, or deny.
Rectangle {
    id: card

    // callId, function, server, tool, arguments, state ("queued", "approval",
    // "running", "done", "error", "denied", "stopped").
    property var call: ({})
    // The result's text (or the error, or the denial).
    property string result
    // Has approveToolCall(callId, always) and denyToolCall(callId).
    property var controller
    property bool expanded: false

    readonly property string callState: call && call.state ? call.state : "queued"
    readonly property bool asking: callState === "approval"
    readonly property string toolLabel: call && call.tool ? call.tool : (call && call.function ? call.function : "")

    function stateText() {
        switch (callState) {
        case "approval": return qsTr("waiting for your approval")
        case "running": return qsTr("running…")
        case "done": return qsTr("done")
        case "error": return qsTr("failed")
        case "denied": return qsTr("denied")
        case "stopped": return qsTr("not run")
        default: return qsTr("queued")
        }
    }

    implicitHeight: column.implicitHeight + 16
    radius: 8
    color: asking ? Theme.warningBackground : Theme.surface
    border.color: asking ? Theme.accent : Theme.border

    ColumnLayout {
        id: column
        x: 10
        y: 8
        width: card.width - 20
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            IconButton {
                objectName: "toolCallToggle"
                visible: !card.asking
                iconName: card.expanded ? "chevron-down" : "chevron-right"
                text: card.expanded ? qsTr("Fold the call of %1").arg(card.toolLabel)
                                    : qsTr("Unfold the call of %1").arg(card.toolLabel)
                onClicked: card.expanded = !card.expanded
            }
            Label {
                objectName: "toolCallTitle"
                Layout.fillWidth: true
                text: card.call && card.call.server
                      ? qsTr("Tool %1 on %2").arg(card.toolLabel).arg(card.call.server)
                      : qsTr("Tool %1").arg(card.toolLabel)
                font.weight: Font.DemiBold
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                objectName: "toolCallState"
                text: card.stateText()
                font.pixelSize: 12
                color: card.callState === "error" ? Theme.errorText
                     : card.callState === "done" ? Theme.okText : Theme.mutedText
            }
        }

        Label {
            visible: card.asking
            Layout.fillWidth: true
            text: qsTr("The model wants to run this tool with these arguments:")
            color: Theme.text
            wrapMode: Text.Wrap
        }

        Label {
            objectName: "toolCallArguments"
            visible: card.asking || card.expanded
            Layout.fillWidth: true
            text: card.call && card.call.arguments ? card.call.arguments : "{}"
            font.family: "monospace"
            font.pixelSize: 12
            wrapMode: Text.WrapAnywhere
            maximumLineCount: card.asking ? 20 : 1000
            elide: Text.ElideRight
            color: Theme.text
            padding: 6
            background: Rectangle { color: Theme.window; radius: 4 }
        }

        Label {
            objectName: "toolCallResult"
            visible: card.expanded && card.result.length > 0
            Layout.fillWidth: true
            text: card.result
            font.family: "monospace"
            font.pixelSize: 12
            wrapMode: Text.WrapAnywhere
            color: card.callState === "error" ? Theme.errorText : Theme.text
            padding: 6
            background: Rectangle { color: Theme.window; radius: 4 }
        }

        RowLayout {
            visible: card.asking
            spacing: 8
            Button {
                objectName: "allowOnceButton"
                text: qsTr("Allow once")
                icon.source: Theme.icon("check")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                highlighted: true
                Accessible.name: qsTr("Allow this call of %1 once").arg(card.toolLabel)
                onClicked: card.controller.approveToolCall(card.call.callId, false)
            }
            Button {
                objectName: "allowAlwaysButton"
                text: qsTr("Always for this tool")
                icon.source: Theme.icon("check")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                Accessible.name: qsTr("Always allow %1 without asking").arg(card.toolLabel)
                onClicked: card.controller.approveToolCall(card.call.callId, true)
            }
            Button {
                objectName: "denyButton"
                text: qsTr("Deny")
                icon.source: Theme.icon("x")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                Accessible.name: qsTr("Deny this call of %1").arg(card.toolLabel)
                onClicked: card.controller.denyToolCall(card.call.callId)
            }
        }
    }
}
