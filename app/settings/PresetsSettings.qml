import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// Presets: named system prompt, model and parameters to start a chat with.
// The list on the left, the chosen one's form on the right; Save writes the
// form back, New, Duplicate and Delete do what they say. The presets live in
// presets.json beside the settings file.
Item {
    id: page

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null
    readonly property var presets: page.workbench ? page.workbench.presets : null
    property string currentId: ""

    function select(id) {
        currentId = id
        var values = presets && id.length > 0 ? presets.get(id) : {}
        nameField.text = values.name || ""
        form.load(values)
        dirty = false
    }
    property bool dirty: false

    function save() {
        var values = form.values()
        values.name = nameField.text
        if (currentId.length === 0)
            select(presets.addPreset(values))
        else if (presets.updatePreset(currentId, values))
            dirty = false
    }

    RowLayout {
        anchors.fill: parent
        spacing: 16

        ColumnLayout {
            Layout.preferredWidth: 220
            Layout.maximumWidth: 220
            Layout.fillHeight: true
            ListView {
                id: list
                objectName: "presetList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: page.presets
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Presets")
                delegate: ItemDelegate {
                    required property string presetId
                    required property string name
                    objectName: "presetRow"
                    width: ListView.view.width
                    text: name
                    highlighted: presetId === page.currentId
                    onClicked: page.select(presetId)
                    Accessible.name: name
                    Accessible.onPressAction: page.select(presetId)
                }
            }
            Label {
                visible: list.count === 0
                Layout.preferredWidth: 220
                wrapMode: Text.Wrap
                color: Theme.mutedText
                text: qsTr("No presets yet. Fill in the form and press Save, or use “Save as preset” in a chat's settings.")
            }
            Button {
                objectName: "newPresetButton"
                Layout.fillWidth: true
                text: qsTr("New preset")
                icon.source: Theme.icon("plus")
                icon.color: Theme.text
                onClicked: page.select("")
                Accessible.name: text
                Accessible.onPressAction: page.select("")
            }
        }

        ScrollView {
            id: scroll
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            ColumnLayout {
                width: scroll.availableWidth
                spacing: 10
                RowLayout {
                    Layout.fillWidth: true
                    Label { text: qsTr("Name"); color: Theme.mutedText }
                    TextField {
                        id: nameField
                        objectName: "presetName"
                        Layout.fillWidth: true
                        placeholderText: qsTr("e.g. Code reviewer")
                        Accessible.name: qsTr("Preset name")
                        onTextEdited: page.dirty = true
                    }
                }
                ParametersForm {
                    id: form
                    objectName: "presetForm"
                    Layout.fillWidth: true
                    onEdited: page.dirty = true
                }
                RowLayout {
                    Button {
                        objectName: "savePresetButton"
                        text: page.currentId.length === 0 ? qsTr("Add preset") : qsTr("Save")
                        icon.source: Theme.icon("save")
                        icon.color: Theme.text
                        highlighted: page.dirty
                        enabled: nameField.text.trim().length > 0
                        onClicked: page.save()
                        Accessible.name: text
                        Accessible.onPressAction: page.save()
                    }
                    Button {
                        objectName: "duplicatePresetButton"
                        text: qsTr("Duplicate")
                        icon.source: Theme.icon("copy")
                        icon.color: Theme.text
                        enabled: page.currentId.length > 0
                        onClicked: page.select(page.presets.duplicate(page.currentId))
                        Accessible.name: qsTr("Duplicate preset")
                        Accessible.onPressAction: clicked()
                    }
                    Button {
                        objectName: "deletePresetButton"
                        text: qsTr("Delete")
                        icon.source: Theme.icon("trash-2")
                        icon.color: Theme.text
                        enabled: page.currentId.length > 0
                        onClicked: {
                            page.presets.remove(page.currentId)
                            page.select("")
                        }
                        Accessible.name: qsTr("Delete preset")
                        Accessible.onPressAction: clicked()
                    }
                }
                Label {
                    objectName: "presetError"
                    visible: text.length > 0
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: Theme.errorText
                    text: page.presets ? page.presets.errorString : ""
                }
            }
        }
    }
}
