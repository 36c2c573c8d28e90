import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Tools
import Muxi.Workbench.Chat

// The open conversation: message bubbles over the composer.
Item {
    id: chatView

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null

    // The controller this view shows; tests hand in their own.
    property var controller: chatView.workbench ? chatView.workbench.chat : null
    property var attachments: chatView.workbench ? chatView.workbench.chatAttachments : null
    readonly property alias messageView: messageList
    readonly property alias composer: composer

    function focusComposer() {
        composer.focusInput()
    }
    function openModelPicker() {
        composer.openModelPicker()
    }
    function attach() {
        composer.openAttachDialog()
    }

    // The last row with this role ("user", "assistant"), or -1.
    function lastRowOf(role) {
        var messages = chatView.controller ? chatView.controller.messages : null
        if (!messages)
            return -1
        for (var row = messages.rowCount() - 1; row >= 0; --row) {
            if (messages.data(messages.index(row, 0), MessageModel.RoleRole) === role)
                return row
        }
        return -1
    }
    function regenerateLast() {
        var row = lastRowOf("assistant")
        if (row >= 0 && !chatView.controller.streaming)
            chatView.controller.regenerate(row)
    }
    function copyLastAnswer() {
        var row = lastRowOf("assistant")
        if (row >= 0)
            chatView.controller.copy(row)
    }
    // Opens the editor on the last message the user wrote.
    function editLastMessage() {
        var row = lastRowOf("user")
        if (row < 0 || chatView.controller.streaming)
            return false
        messageList.positionViewAtIndex(row, ListView.Contain)
        var bubble = messageList.itemAtIndex(row)
        if (!bubble)
            return false
        bubble.startEditing()
        return true
    }
    // What the live region says when an answer ends.
    function lastAnswerAnnouncement() {
        var messages = chatView.controller ? chatView.controller.messages : null
        var row = messages ? messages.rowCount() - 1 : -1
        if (row < 0)
            return ""
        var index = messages.index(row, 0)
        var model = messages.data(index, MessageModel.ModelRole)
        switch (messages.data(index, MessageModel.StatusRole)) {
        case "failed":
            return qsTr("The answer failed: %1").arg(messages.data(index, MessageModel.ErrorRole))
        case "stopped":
            return qsTr("Answer from %1 stopped").arg(model)
        default:
            return qsTr("Answer from %1 finished").arg(model)
        }
    }
    function openConversationSettings() {
        composer.openConversationSettings()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ListView {
            id: messageList
            objectName: "messageList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 12
            topMargin: 16
            bottomMargin: 16
            model: chatView.controller ? chatView.controller.messages : null
            ScrollBar.vertical: ScrollBar {}
            // Tab lands on the messages, arrows move, Menu or Shift+F10 shows a message's actions.
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Messages")
            // Follow a growing answer while the user is at the bottom.
            property bool pinned: true
            onMovementEnded: pinned = atYEnd
            onCountChanged: {
                if (pinned)
                    Qt.callLater(positionViewAtEnd)
                // The keyboard starts at the newest message, unless it is already walking the list.
                if (!activeFocus)
                    currentIndex = count - 1
            }
            Keys.onPressed: function(event) {
                if (event.key === Qt.Key_Home || event.key === Qt.Key_End) {
                    event.accepted = true
                    currentIndex = event.key === Qt.Key_Home ? 0 : count - 1
                }
            }
            onContentHeightChanged: if (pinned && chatView.controller && chatView.controller.streaming) positionViewAtEnd()
            Connections {
                target: chatView.controller
                ignoreUnknownSignals: true
                function onConversationChanged() { messageList.pinned = true }
                function onLoadingChanged() { if (!chatView.controller.loading) Qt.callLater(messageList.positionViewAtEnd) }
            }

            delegate: MessageBubble {
                width: ListView.view.width
                controller: chatView.controller
                workbench: chatView.workbench
            }
        }

        // A server asking the user for input while its tool runs.
        ElicitationCard {
            objectName: "elicitationCard"
            Layout.fillWidth: true
            Layout.leftMargin: 20
            Layout.rightMargin: 20
            Layout.bottomMargin: visible ? 8 : 0
            form: chatView.workbench && chatView.workbench.tools ? chatView.workbench.tools.elicitation : null
        }

        Composer {
            id: composer
            objectName: "composer"
            Layout.fillWidth: true
            controller: chatView.controller
            attachments: chatView.attachments
            workbench: chatView.workbench
            onEditLastRequested: chatView.editLastMessage()
        }
    }

    ColumnLayout {
        objectName: "emptyState"
        anchors.centerIn: parent
        anchors.verticalCenterOffset: -composer.height / 2
        width: Math.min(parent.width - 80, 480)
        visible: messageList.count === 0 && !(chatView.controller && chatView.controller.loading)
        spacing: 10
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Start a conversation")
            font.pixelSize: 24
            font.weight: Font.DemiBold
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: chatView.workbench?.providers.usableCount > 0
                  ? qsTr("Pick a model below, type a message and press Enter. Shift+Enter starts a new line.")
                  : qsTr("No provider is ready yet. Add an API key in Settings, or start a local Ollama or llama.cpp server.")
        }
        ComboBox {
            id: presetChooser
            objectName: "presetChooser"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 280
            visible: chatView.workbench !== null && chatView.workbench.presets.count > 0
                     && chatView.controller !== null && chatView.controller.newConversationFromPreset !== undefined
            model: chatView.workbench ? chatView.workbench.presets : null
            textRole: "name"
            valueRole: "presetId"
            currentIndex: -1
            displayText: currentIndex < 0 ? qsTr("Start with a preset…") : currentText
            Accessible.name: qsTr("Start the conversation with a preset")
            onActivated: function(index) {
                chatView.controller.newConversationFromPreset(valueAt(index))
            }
            Connections {
                target: chatView.controller
                ignoreUnknownSignals: true
                function onConversationChanged() {
                    if (chatView.controller.conversationId.length > 0)
                        presetChooser.currentIndex = -1
                }
            }
        }
    }
}
