import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Attachments
import Muxi.Workbench.Tools

// One message: the user's text on the right with its attachments, answers
// as rendered Markdown with the model that answered, its timings and the
// attempts behind it, failures with "Retry"; a tool call as its card.
Item {
    id: bubble

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null

    required property int index
    required property string role
    required property string text
    required property string html
    required property string tailHtml
    // The finished blocks of a streaming answer, one row each (HtmlBlockModel).
    required property var stableBlocks
    required property string model
    required property string status
    required property string error
    required property int firstTokenMs
    required property int durationMs
    required property int completionTokens
    // Attachment references (user messages) and AttemptRecord objects (answers).
    required property var attachments
    required property var attempts
    // A tool row's call (server, tool, arguments, state), empty for other rows.
    required property var tool
    required property var toolCalls
    // Branches of this message: its place among them (0-based) and how many.
    required property int siblingIndex
    required property int siblingCount
    readonly property int toolCallCount: toolCalls ? toolCalls.length : 0
    property var controller
    property bool editing: false

    readonly property bool isUser: role === "user"
    readonly property bool isTool: role === "tool"
    readonly property bool isActive: status === "pending" || status === "streaming"
    readonly property var attachmentList: attachments && attachments.length > 0 ? attachments : []
    readonly property var attemptList: attempts && attempts.length > 0 ? attempts : []
    // Another model than the first one asked gave this answer.
    readonly property bool answeredByFallback: attemptList.length > 0
        && attemptList[0].provider + "/" + attemptList[0].model !== model && status === "done"
    property bool attemptsShown: false

    function attemptText(a) {
        var parts = [a.provider + "/" + a.model, a.outcome]
        if (a.error)
            parts.push(a.error)
        if (a.status)
            parts.push(qsTr("HTTP %1").arg(a.status))
        parts.push(qsTr("%1 ms").arg(a.duration_ms))
        return parts.join(" · ")
    }

    implicitHeight: isTool ? toolCard.implicitHeight : frame.implicitHeight

    // The first words, for the name a screen reader reads on the row.
    function firstWords(text) {
        var flat = text.replace(/\s+/g, " ").trim()
        return flat.length > 80 ? flat.substring(0, 80) + "…" : flat
    }
    function startEditing() {
        if (!bubble.isUser || bubble.controller.streaming)
            return
        editArea.text = bubble.text
        bubble.editing = true
        editArea.forceActiveFocus(Qt.ShortcutFocusReason)
    }
    function showMenu(x, y) {
        messageMenu.popup(frame, x, y)
    }

    Accessible.role: Accessible.ListItem
    Accessible.name: isUser ? qsTr("You: %1").arg(firstWords(text))
                   : isTool ? qsTr("Tool %1").arg(tool && tool.tool ? tool.tool : "")
                   : isActive ? qsTr("%1 is answering").arg(model)
                   : status === "failed" ? qsTr("%1 failed: %2").arg(model).arg(error)
                   : qsTr("%1: %2").arg(model).arg(firstWords(text))
    Keys.onMenuPressed: showMenu(0, 0)
    Keys.onPressed: function(event) {
        if (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier)) {
            event.accepted = true
            showMenu(0, 0)
        }
    }

    Menu {
        id: messageMenu
        objectName: "messageMenu"
        MenuItem {
            Accessible.onPressAction: triggered()
            text: qsTr("Copy")
            icon.source: Theme.icon("copy")
            icon.color: Theme.text
            enabled: bubble.text.length > 0
            onTriggered: bubble.controller.copy(bubble.index)
        }
        MenuItem {
            Accessible.onPressAction: triggered()
            text: qsTr("Edit")
            icon.source: Theme.icon("pencil")
            icon.color: Theme.text
            visible: bubble.isUser
            height: visible ? implicitHeight : 0
            enabled: !bubble.controller.streaming
            onTriggered: bubble.startEditing()
        }
        MenuItem {
            Accessible.onPressAction: triggered()
            text: bubble.status === "failed" ? qsTr("Retry") : qsTr("Regenerate")
            icon.source: Theme.icon("refresh-cw")
            icon.color: Theme.text
            visible: !bubble.isUser && !bubble.isTool
            height: visible ? implicitHeight : 0
            enabled: !bubble.controller.streaming
            onTriggered: bubble.controller.regenerate(bubble.index)
        }
        MenuItem {
            Accessible.onPressAction: triggered()
            text: bubble.attemptsShown ? qsTr("Hide attempts") : qsTr("Show attempts")
            icon.source: Theme.icon("list-filter")
            icon.color: Theme.text
            visible: !bubble.isUser && bubble.attemptList.length > 0
            height: visible ? implicitHeight : 0
            onTriggered: bubble.attemptsShown = !bubble.attemptsShown
        }
    }

    ToolCallCard {
        id: toolCard
        objectName: "toolCallCard"
        visible: bubble.isTool
        x: 20
        width: bubble.width - 40
        call: bubble.isTool ? bubble.tool : ({})
        result: bubble.isTool ? bubble.text : ""
        controller: bubble.controller
    }

    function timingText() {
        var parts = []
        if (firstTokenMs >= 0)
            parts.push(qsTr("first token %1 ms").arg(firstTokenMs))
        if (durationMs >= 0)
            parts.push(qsTr("%1 s").arg((durationMs / 1000).toFixed(1)))
        if (completionTokens > 0)
            parts.push(qsTr("%1 tokens").arg(completionTokens))
        return parts.join(" · ")
    }

    component RichBody: TextEdit {
        id: body
        property string html
        objectName: "messageText"
        visible: !bubble.editing && html.length > 0
        Layout.fillWidth: true
        Layout.preferredWidth: bubble.isUser ? implicitWidth : frame.width - 28
        readOnly: true
        selectByMouse: true
        wrapMode: TextEdit.Wrap
        textFormat: TextEdit.RichText
        color: Theme.text
        selectionColor: Theme.accent
        selectedTextColor: Theme.accentText
        text: "<style>" + Theme.markdownStyle + "</style>" + html
        onLinkActivated: function(link) {
            if (link.startsWith("copy:"))
                bubble.controller.copyCode(bubble.index, parseInt(link.substring(5)))
            else
                Qt.openUrlExternally(link)
        }
        HoverHandler {
            cursorShape: body.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.IBeamCursor
        }
    }

    Rectangle {
        id: frame
        objectName: "bubble"
        visible: !bubble.isTool
        x: bubble.isUser ? bubble.width - width - 20 : 20
        width: bubble.isUser ? Math.min(bubble.width * 0.75, Math.max(content.implicitWidth, 120) + 28)
                             : bubble.width - 40
        implicitHeight: content.implicitHeight + 24
        radius: 10
        color: bubble.status === "failed" ? Theme.errorBackground : bubble.isUser ? Theme.userBubble : Theme.assistantBubble
        // The keyboard's place in the list of messages.
        readonly property bool keyboardCurrent: bubble.ListView.isCurrentItem && bubble.ListView.view.activeFocus
        border.color: keyboardCurrent ? Theme.accent : bubble.isUser ? "transparent" : Theme.border
        border.width: keyboardCurrent ? 2 : 1

        TapHandler {
            acceptedButtons: Qt.RightButton
            onTapped: function(eventPoint) { bubble.showMenu(eventPoint.position.x, eventPoint.position.y) }
        }

        ColumnLayout {
            id: content
            x: 14
            y: 12
            width: frame.width - 28
            spacing: 6

            RowLayout {
                visible: !bubble.isUser
                Layout.fillWidth: true
                spacing: 8
                Label {
                    objectName: "modelLabel"
                    text: bubble.model
                    font.weight: Font.DemiBold
                    font.pixelSize: 12
                    color: Theme.mutedText
                }
                Badge {
                    objectName: bubble.isUser ? "" : "fallbackBadge"
                    visible: bubble.answeredByFallback
                    text: qsTr("fallback")
                }
                BusyIndicator {
                    objectName: "streamingIndicator"
                    visible: bubble.isActive
                    running: visible
                    implicitWidth: 16
                    implicitHeight: 16
                }
                Label {
                    objectName: "timings"
                    Layout.fillWidth: true
                    text: bubble.status === "stopped" ? qsTr("stopped") + (bubble.timingText() ? " · " + bubble.timingText() : "")
                                                      : bubble.timingText()
                    font.pixelSize: 12
                    color: Theme.mutedText
                    elide: Text.ElideRight
                }
            }

            ColumnLayout {
                objectName: bubble.isUser ? "" : "attemptsPanel"
                visible: bubble.attemptsShown && bubble.attemptList.length > 0
                Layout.fillWidth: true
                spacing: 2
                Repeater {
                    model: bubble.attemptsShown ? bubble.attemptList : []
                    delegate: Label {
                        required property var modelData
                        required property int index
                        objectName: "attemptRow"
                        Layout.fillWidth: true
                        text: (index + 1) + ". " + bubble.attemptText(modelData)
                        font.pixelSize: 11
                        elide: Text.ElideRight
                        color: modelData.outcome === "ok" ? Theme.okText
                             : modelData.outcome === "skipped" ? Theme.mutedText : Theme.errorText
                    }
                }
            }

            Flow {
                objectName: "messageAttachments"
                visible: bubble.attachmentList.length > 0
                Layout.fillWidth: true
                Layout.preferredWidth: bubble.attachmentList.length * 96
                spacing: 6
                Repeater {
                    model: bubble.attachmentList
                    delegate: AttachmentPreview {
                        required property string modelData
                        kind: bubble.workbench?.attachmentKind(modelData)
                        source: bubble.workbench?.attachmentUrl(modelData)
                        name: kind === "audio" ? qsTr("Recording") : ""
                    }
                }
            }

            // While streaming: each finished block in a text of its own and the
            // growing tail in another, so a token lays out only the tail and a
            // finished block only itself. Afterwards one text, selectable as a whole.
            Repeater {
                model: bubble.isActive && !bubble.isUser ? bubble.stableBlocks : null
                delegate: RichBody {
                    required property string blockHtml
                    html: blockHtml
                }
            }
            RichBody {
                html: bubble.isActive && !bubble.isUser ? "" : bubble.html
            }
            RichBody {
                html: bubble.isActive && !bubble.isUser ? bubble.tailHtml : ""
            }

            Label {
                objectName: "toolCallsNote"
                visible: !bubble.isActive && bubble.text.length === 0 && bubble.toolCallCount > 0
                text: bubble.toolCallCount === 1 ? qsTr("Asked to use a tool:") : qsTr("Asked to use %1 tools:").arg(bubble.toolCallCount)
                color: Theme.mutedText
            }

            Label {
                visible: bubble.isActive && bubble.html.length === 0
                text: qsTr("Waiting for the first token…")
                color: Theme.mutedText
                font.italic: true
            }

            Label {
                objectName: "errorText"
                visible: bubble.status === "failed"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.errorText
                text: bubble.error
            }

            ColumnLayout {
                visible: bubble.editing
                Layout.fillWidth: true
                TextArea {
                    id: editArea
                    objectName: "editArea"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 360
                    wrapMode: TextEdit.Wrap
                    Accessible.name: qsTr("Edit your message")
                    // Tab moves to the next control, as everywhere else, instead of typing a tab.
                    Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
                    Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
                    // Escape cancels the edit rather than reaching the window's shortcut.
                    Keys.onShortcutOverride: function(event) { event.accepted = event.key === Qt.Key_Escape }
                    Keys.onEscapePressed: bubble.editing = false
                }
                RowLayout {
                    Layout.alignment: Qt.AlignRight
                    Button {
                        text: qsTr("Cancel")
                        flat: true
                        icon.source: Theme.icon("x")
                        icon.color: Theme.text
                        Accessible.description: qsTr("Keep the message as it was")
                        Accessible.onPressAction: clicked()
                        onClicked: bubble.editing = false
                    }
                    Button {
                        objectName: "resendButton"
                        text: qsTr("Send")
                        highlighted: true
                        icon.source: Theme.icon("send")
                        icon.color: Theme.text
                        Accessible.description: qsTr("Send the edited message; the answers after it are replaced")
                        Accessible.onPressAction: clicked()
                        onClicked: {
                            bubble.editing = false
                            bubble.controller.editAndResend(bubble.index, editArea.text)
                        }
                    }
                }
            }

            RowLayout {
                visible: !bubble.editing && !bubble.isActive
                Layout.alignment: bubble.isUser ? Qt.AlignRight : Qt.AlignLeft
                spacing: 2
                BranchSwitcher {
                    objectName: "branchSwitcher"
                    index: bubble.siblingIndex
                    count: bubble.siblingCount
                    enabled: !bubble.controller.streaming
                    onSwitchTo: function(delta) { bubble.controller.switchBranch(bubble.index, delta) }
                }
                Button {
                    objectName: "retryButton"
                    visible: bubble.status === "failed"
                    text: qsTr("Retry")
                    highlighted: true
                    icon.source: Theme.icon("refresh-cw")
                    icon.color: Theme.text
                    Accessible.description: qsTr("Ask for this answer again")
                    Accessible.onPressAction: clicked()
                    enabled: !bubble.controller.streaming
                    onClicked: bubble.controller.retry(bubble.index)
                }
                IconButton {
                    objectName: bubble.isUser ? "" : "attemptsButton"
                    visible: !bubble.isUser && bubble.attemptList.length > 0
                    iconName: "list-filter"
                    showText: true
                    text: bubble.attemptsShown ? qsTr("Hide attempts")
                                               : bubble.attemptList.length === 1 ? qsTr("1 attempt")
                                               : qsTr("%1 attempts").arg(bubble.attemptList.length)
                    font.pixelSize: 12
                    onClicked: bubble.attemptsShown = !bubble.attemptsShown
                }
                IconButton {
                    objectName: "copyMessageButton"
                    iconName: "copy"
                    showText: true
                    text: qsTr("Copy")
                    Accessible.description: qsTr("Copy the message's text")
                    font.pixelSize: 12
                    visible: bubble.text.length > 0
                    onClicked: bubble.controller.copy(bubble.index)
                }
                IconButton {
                    objectName: "regenerateButton"
                    visible: !bubble.isUser && bubble.status !== "failed"
                    iconName: "refresh-cw"
                    showText: true
                    text: qsTr("Regenerate")
                    Accessible.description: qsTr("Write a new answer; the old one stays as a branch")
                    font.pixelSize: 12
                    enabled: !bubble.controller.streaming
                    onClicked: bubble.controller.regenerate(bubble.index)
                }
                IconButton {
                    objectName: "regenerateWithButton"
                    iconName: "sparkles"
                    showText: true
                    visible: !bubble.isUser && bubble.status !== "failed"
                    text: qsTr("Regenerate with…")
                    font.pixelSize: 12
                    enabled: !bubble.controller.streaming
                    Accessible.name: qsTr("Regenerate with another model")
                    onClicked: {
                        regenerateLoader.active = true
                        regenerateLoader.item.open()
                    }
                    // Made on first use: a conversation has many bubbles and few regenerations.
                    Loader {
                        id: regenerateLoader
                        active: false
                        sourceComponent: RegeneratePopup {
                            parent: bubble
                            workbench: bubble.workbench
                            initialModel: bubble.model
                            onChosen: function(model) { bubble.controller.regenerate(bubble.index, model) }
                        }
                    }
                }
                IconButton {
                    objectName: "editButton"
                    visible: bubble.isUser
                    iconName: "pencil"
                    showText: true
                    text: qsTr("Edit")
                    Accessible.description: qsTr("Change the message and send it again")
                    font.pixelSize: 12
                    enabled: !bubble.controller.streaming
                    onClicked: bubble.startEditing()
                }
            }
        }
    }
}
