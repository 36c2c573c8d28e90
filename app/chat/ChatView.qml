import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Tools

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

    // For the shell's shortcuts: the model picker with its search focused (Ctrl+K), the conversation's settings.
    function openModelPicker() {
        composer.openModelPicker()
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
            // Follow a growing answer while the user is at the bottom.
            property bool pinned: true
            onMovementEnded: pinned = atYEnd
            onCountChanged: if (pinned) Qt.callLater(positionViewAtEnd)
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
