import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// Asks which model should answer again; the new answer becomes a branch beside the old one.
Popup {
    id: popup

    // The shell's Workbench, handed in: its model catalogue fills the list.
    property var workbench: null
    // The model to start from (the one that answered).
    property string initialModel

    signal chosen(string model)

    modal: true
    focus: true
    padding: 12

    onOpened: {
        modelCombo.currentIndex = modelCombo.indexOfValue(initialModel)
        modelCombo.editText = initialModel
        modelCombo.forceActiveFocus()
    }

    ColumnLayout {
        spacing: 8
        Label {
            text: qsTr("Regenerate with")
            font.weight: Font.DemiBold
            color: Theme.text
        }
        ComboBox {
            id: modelCombo
            objectName: "regenerateModelCombo"
            Layout.preferredWidth: 320
            editable: true
            model: popup.workbench ? popup.workbench.models : null
            textRole: "name"
            valueRole: "name"
            Accessible.name: qsTr("Model to answer again")
            onAccepted: regenerateButton.clicked()
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            Button {
                text: qsTr("Cancel")
                flat: true
                onClicked: popup.close()
            }
            Button {
                id: regenerateButton
                objectName: "regenerateConfirmButton"
                text: qsTr("Regenerate")
                highlighted: true
                enabled: modelCombo.editText.trim().length > 0
                onClicked: {
                    popup.close()
                    popup.chosen(modelCombo.editText.trim())
                }
            }
        }
    }
}
