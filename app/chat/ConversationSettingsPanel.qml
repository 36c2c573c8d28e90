import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Settings

// The open conversation's own settings: system prompt, temperature, top-p,
// token limit and JSON mode (the model is chosen with the picker). Edits
// apply to the next request and are saved with the conversation; "Save as
// preset" keeps them, with the model, for new chats.
Popup {
    id: panel
    objectName: "conversationSettingsPanel"

    // A ChatController: its `options` (ChatOptions) are edited here.
    property var controller: null
    readonly property var options: controller && controller.options !== undefined ? controller.options : null
    // True while this panel writes to the options, so their change does not reload the form mid-edit.
    property bool applying: false

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: parent ? Math.min(640, parent.width - 32) : 600
    height: parent ? Math.min(implicitHeight, parent.height - 32) : implicitHeight
    modal: true
    focus: true
    padding: 16

    function reload() {
        if (!options || applying)
            return
        form.load({
            systemPrompt: options.systemPrompt,
            temperature: options.temperature,
            topP: options.topP,
            maxTokens: options.maxTokens,
            jsonMode: options.jsonMode
        })
    }

    function apply() {
        if (!options)
            return
        var values = form.values()
        applying = true
        options.systemPrompt = values.systemPrompt
        options.temperature = values.temperature
        options.topP = values.topP
        options.maxTokens = values.maxTokens
        options.jsonMode = values.jsonMode
        applying = false
    }

    onOpened: reload()
    Connections {
        target: panel.options
        function onChanged() { panel.reload() }
    }

    background: Rectangle {
        radius: 10
        color: Theme.surface
        border.color: Theme.border
    }

    contentItem: ColumnLayout {
        spacing: 12

        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: qsTr("Conversation settings")
                font.pixelSize: 18
                font.weight: Font.DemiBold
                color: Theme.text
            }
            IconButton {
                objectName: "closeConversationSettings"
                iconName: "x"
                text: qsTr("Close conversation settings")
                onClicked: panel.close()
            }
        }

        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("Model: %1. Choose another with the model picker (Ctrl+K). These settings apply to this conversation only.")
                  .arg(panel.controller ? panel.controller.model : "")
        }

        ParametersForm {
            id: form
            objectName: "conversationParameters"
            Layout.fillWidth: true
            showModel: false
            onEdited: panel.apply()
        }

        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: presetName
                objectName: "presetNameField"
                Layout.fillWidth: true
                placeholderText: qsTr("Preset name")
                Accessible.name: qsTr("Name of the new preset")
                onAccepted: saveButton.clicked()
            }
            Button {
                id: saveButton
                objectName: "saveAsPresetButton"
                text: qsTr("Save as preset")
                icon.source: Theme.icon("save")
                icon.color: Theme.text
                enabled: presetName.text.trim().length > 0 && panel.controller !== null
                onClicked: {
                    // A prompt still being typed counts too.
                    form.forceActiveFocus()
                    panel.apply()
                    if (panel.controller.saveAsPreset(presetName.text.trim()).length > 0) {
                        savedLabel.text = qsTr("Saved as “%1”.").arg(presetName.text.trim())
                        presetName.clear()
                    }
                }
                Accessible.name: text
                Accessible.onPressAction: clicked()
            }
        }
        Label {
            id: savedLabel
            objectName: "presetSavedLabel"
            visible: text.length > 0
            color: Theme.okText
        }
    }
}
